package org.imbridge.msn.client;

/** The switchboard reported that a message was not delivered ({@code NAK TrID}, docs/msnp.md §7.5). */
public final class MsnDeliveryException extends MsnException {

    private static final long serialVersionUID = 1L;

    private final long trId;

    public MsnDeliveryException(long trId) {
        super("message not delivered (NAK " + trId + ")");
        this.trId = trId;
    }

    /** The transaction id of the refused MSG. */
    public long trId() {
        return trId;
    }
}
