package org.imbridge.msnserver.wire;

import org.imbridge.msn.protocol.MsnpCommand;

/** Small checks on command parameters. */
public final class Params {

    private Params() {
    }

    /** True when the first parameter is a transaction id (decimal, 0 … 2^32−1). */
    public static boolean hasTrId(MsnpCommand command) {
        return command.trId() >= 0;
    }

    /** A non-negative decimal number of at most 9 digits, or -1. */
    public static int smallNumber(String token) {
        if (token == null || token.isEmpty() || token.length() > 9) {
            return -1;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Integer.parseInt(token);
    }

    /** A non-negative decimal number of at most 18 digits, or -1. */
    public static long number(String token) {
        if (token == null || token.isEmpty() || token.length() > 18) {
            return -1;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Long.parseLong(token);
    }
}
