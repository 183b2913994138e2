package org.imbridge.msn.client;

import java.util.ArrayList;
import java.util.List;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpNames;

/** Reads typed parameters of server commands, failing with {@link MalformedCommandException}. */
final class Params {

    private Params() {
    }

    static String text(MsnpCommand cmd, int index) {
        String value = cmd.param(index);
        if (value == null) {
            throw new MalformedCommandException(cmd.name() + " needs at least " + (index + 1) + " parameters: "
                    + WireLog.describe(cmd));
        }
        return value;
    }

    /** A URL-decoded name parameter. */
    static String name(MsnpCommand cmd, int index) {
        return MsnpNames.decode(text(cmd, index));
    }

    /** An optional URL-decoded name parameter, or {@code fallback}. */
    static String nameOr(MsnpCommand cmd, int index, String fallback) {
        String value = cmd.param(index);
        return value == null ? fallback : MsnpNames.decode(value);
    }

    static long number(MsnpCommand cmd, int index) {
        String value = text(cmd, index);
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new MalformedCommandException(cmd.name() + " parameter " + (index + 1) + " is not a number: "
                    + WireLog.describe(cmd));
        }
    }

    static int integer(MsnpCommand cmd, int index) {
        long n = number(cmd, index);
        if (n > Integer.MAX_VALUE) {
            throw new MalformedCommandException(cmd.name() + " parameter " + (index + 1) + " is too large: "
                    + WireLog.describe(cmd));
        }
        return (int) n;
    }

    /** A group list such as {@code 0,1,3}; empty for {@code null}. */
    static List<Integer> groupIds(MsnpCommand cmd, int index) {
        String value = cmd.param(index);
        List<Integer> ids = new ArrayList<>();
        if (value == null) {
            return ids;
        }
        for (String part : value.split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                ids.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                throw new MalformedCommandException(cmd.name() + " has a bad group list: " + WireLog.describe(cmd));
            }
        }
        return ids;
    }
}
