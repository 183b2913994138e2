package org.imbridge.xmpp.gateway.cluster;

/**
 * The component streams this instance holds for its domain. ejabberd's balancing has a fixed number
 * of slots ({@code component_number}); a stanza whose user hashes to a slot no stream holds is dropped,
 * so the instances keep every slot filled: an instance holds its own stream plus, while instances are
 * missing, extra streams that fill their slots.
 */
public interface ComponentStreams {

    /** @return the streams held: the instance's own and its extras */
    int count();

    /** @return true while an extra stream is opened but not yet accepted by the server */
    default boolean opening() {
        return false;
    }

    /** Opens one more stream (it fills a free slot once the server accepts it). */
    void openExtra();

    /** Closes one extra stream, freeing its slot; false when there is none. */
    boolean closeExtra();

    /** For an instance alone on its domain: one stream, no extras. */
    ComponentStreams SINGLE = new ComponentStreams() {
        @Override
        public int count() {
            return 1;
        }

        @Override
        public void openExtra() {
        }

        @Override
        public boolean closeExtra() {
            return false;
        }
    };
}
