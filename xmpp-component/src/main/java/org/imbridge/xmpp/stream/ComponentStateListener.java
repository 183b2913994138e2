package org.imbridge.xmpp.stream;

/**
 * Told about every {@link ComponentState} change of a {@link ComponentConnection}, in order, on the
 * connection's event executor (never on a MINA I/O thread).
 */
@FunctionalInterface
public interface ComponentStateListener {

    /** @param state the state just entered */
    void stateChanged(ComponentState state);
}
