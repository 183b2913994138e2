package org.imbridge.app.launcher.cli;

/**
 * What {@code imbridge}'s exit status means; the same for every subcommand, and listed in each
 * {@code --help}.
 */
public final class ExitCodes {

    /** Done, or stopped on request. */
    public static final int OK = 0;
    /** Something failed at run time (a port in use, the database unreachable…); the message says what. */
    public static final int FAILURE = 1;
    /** Bad command line or bad configuration file; the message names the option or the key. */
    public static final int USAGE = 2;
    /** The XMPP server refused the component for good (wrong secret, unknown domain, name in use). */
    public static final int REFUSED = 3;
    /** {@code users show|remove}: no such user. */
    public static final int NOT_FOUND = 4;
    /** Something the command needs is not installed (the demo's Prosody). */
    public static final int MISSING = 5;

    /** The list as printed at the end of every {@code --help}. */
    static final String HELP = "Exit codes: 0 ok, 1 failure, 2 bad arguments or configuration, "
            + "3 refused by the XMPP server, 4 no such user, 5 a needed program is missing";

    private ExitCodes() {
    }
}
