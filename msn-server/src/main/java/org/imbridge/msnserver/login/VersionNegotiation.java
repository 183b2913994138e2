package org.imbridge.msnserver.login;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * VER (docs/msnp.md §3.2): the server echoes the subset of the client's list it supports, in the
 * client's order and spelling, including {@code CVR0}; dialect names are matched ignoring case. We
 * accept MSNP2 … MSNP7 (and always speak MSNP7's formats).
 */
public final class VersionNegotiation {

    private static final List<String> DIALECTS = List.of("MSNP7", "MSNP6", "MSNP5", "MSNP4", "MSNP3", "MSNP2");
    private static final String CVR0 = "CVR0";

    private VersionNegotiation() {
    }

    /** The tokens to echo; empty when none of the offered dialects is supported. */
    public static List<String> accepted(List<String> offered) {
        List<String> out = new ArrayList<>();
        boolean dialect = false;
        for (String token : offered) {
            String upper = token.toUpperCase(Locale.ROOT);
            if (DIALECTS.contains(upper)) {
                dialect = true;
                out.add(token);
            } else if (CVR0.equals(upper)) {
                out.add(token);
            }
        }
        return dialect ? out : List.of();
    }

    /** The highest supported dialect in {@code offered} (upper case), or {@code null}. */
    public static String highest(List<String> offered) {
        for (String d : DIALECTS) {
            for (String token : offered) {
                if (d.equalsIgnoreCase(token)) {
                    return d;
                }
            }
        }
        return null;
    }
}
