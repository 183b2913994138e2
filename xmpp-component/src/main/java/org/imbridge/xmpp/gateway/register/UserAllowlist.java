package org.imbridge.xmpp.gateway.register;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which bare JIDs may register. Patterns: {@code *} (everyone), {@code example.org} or
 * {@code *@example.org} (a domain), {@code user@example.org} (one user), and {@code *} anywhere as a
 * wildcard ({@code *@*.example.org}). Matching ignores case.
 */
public final class UserAllowlist {

    private final List<String> patterns;
    private final List<Pattern> compiled;

    public UserAllowlist(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.compiled = this.patterns.stream().map(UserAllowlist::compile).toList();
    }

    public static UserAllowlist everyone() {
        return new UserAllowlist(List.of("*"));
    }

    public boolean allows(String bareJid) {
        String jid = bareJid.toLowerCase(Locale.ROOT);
        return compiled.stream().anyMatch(p -> p.matcher(jid).matches());
    }

    public List<String> patterns() {
        return patterns;
    }

    private static Pattern compile(String pattern) {
        String p = pattern.trim().toLowerCase(Locale.ROOT);
        if (p.isEmpty()) {
            throw new IllegalArgumentException("empty allowlist pattern");
        }
        if (!p.contains("@") && !p.equals("*")) {
            p = "*@" + p;
        }
        StringBuilder regex = new StringBuilder();
        String[] parts = p.split("\\*", -1);
        for (int k = 0; k < parts.length; k++) {
            if (k > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[k]));
        }
        return Pattern.compile(regex.toString());
    }
}
