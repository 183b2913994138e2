package org.imbridge.msn.client;

import java.util.Locale;

import org.imbridge.msn.protocol.MsnpCommand;

/** The protocol versions this client offers in VER and how it reads the server's choice (docs/msnp.md §3.2). */
final class Dialects {

    /** Offered in VER, newest first. */
    static final String[] OFFERED = {"MSNP7", "MSNP6", "MSNP5", "MSNP4", "MSNP3", "MSNP2", "CVR0"};

    private static final int LOWEST = 2;
    private static final int HIGHEST = 7;

    private Dialects() {
    }

    /**
     * The highest version we support among the reply's tokens (case-insensitive), or 0 when there is
     * none ({@code VER TrID 0} means the server accepts nothing we offered). Servers either answer with
     * the one chosen dialect or echo the list.
     */
    static int chosen(MsnpCommand ver) {
        int best = 0;
        for (int i = 1; i < ver.paramCount(); i++) {
            String token = ver.param(i).toUpperCase(Locale.ROOT);
            if (token.startsWith("MSNP")) {
                try {
                    int version = Integer.parseInt(token.substring(4));
                    if (version >= LOWEST && version <= HIGHEST && version > best) {
                        best = version;
                    }
                } catch (NumberFormatException ignored) {
                    // some other dialect name, e.g. a future "MSNPX"; not ours
                }
            }
        }
        return best;
    }
}
