package org.imbridge.msnserver.login;

/** What the login rules say about a command arriving in a given stage. */
public enum LoginVerdict {
    /** Handle it normally. */
    PROCEED,
    /** {@code 715 TrID}, then disconnect: a login command at the wrong time. */
    NOT_EXPECTED,
    /** {@code 731 TrID}, then disconnect: CVR before the initial USR. */
    CVR_NOT_EXPECTED,
    /** Disconnect without an error: a command that means nothing during login. */
    DISCONNECT
}
