package org.imbridge.core.network;

import java.util.Objects;

/** Why a login to the legacy network failed, with a text for the user. */
public final class LoginFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Failure kinds the XMPP side maps onto error conditions and transport presence. */
    public enum Kind {
        /** Wrong account or password. */
        BAD_CREDENTIALS,
        /** The account name is not of the network's syntax. */
        MALFORMED_ACCOUNT,
        /** The network's servers could not be reached. */
        UNREACHABLE,
        /** The servers did not answer in time. */
        TIMEOUT,
        /** The server broke the protocol or refused for another reason. */
        REFUSED
    }

    private final Kind kind;

    public LoginFailure(Kind kind, String userText) {
        super(userText);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public LoginFailure(Kind kind, String userText, Throwable cause) {
        super(userText, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
