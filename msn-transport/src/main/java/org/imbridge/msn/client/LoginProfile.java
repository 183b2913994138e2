package org.imbridge.msn.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code text/x-msmsgsprofile} fields the notification server sends after login (docs/msnp.md §3.5):
 * {@code LoginTime}, {@code MemberIdHigh}, {@code sid}, {@code kv}, {@code MSPAuth} … {@code MSPAuth} is
 * a Passport credential: it is available to code that needs it but never printed by {@link #toString()}.
 */
public final class LoginProfile {

    /** Before the profile arrives. */
    public static final LoginProfile EMPTY = new LoginProfile(Map.of());

    private static final List<String> SECRET_FIELDS = List.of("MSPAuth", "MSPProf", "kv", "sid");

    private final Map<String, String> fields;

    LoginProfile(Map<String, String> fields) {
        this.fields = Map.copyOf(fields);
    }

    static LoginProfile of(List<Map.Entry<String, String>> headers) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers) {
            if (!h.getKey().equalsIgnoreCase("MIME-Version") && !h.getKey().equalsIgnoreCase("Content-Type")) {
                fields.putIfAbsent(h.getKey(), h.getValue());
            }
        }
        return new LoginProfile(fields);
    }

    /** A field by exact name, or {@code null}. */
    public String field(String name) {
        return fields.get(name);
    }

    /** The Passport cookie for Hotmail access, or {@code null}. Do not log it. */
    public String mspAuth() {
        return fields.get("MSPAuth");
    }

    /** All fields; contains credentials, do not log. */
    public Map<String, String> fields() {
        return fields;
    }

    /** Field names only, with credential values withheld. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LoginProfile[");
        fields.forEach((k, v) -> sb.append(k).append('=')
                .append(SECRET_FIELDS.contains(k) ? "<withheld>" : v).append(", "));
        if (!fields.isEmpty()) {
            sb.setLength(sb.length() - 2);
        }
        return sb.append(']').toString();
    }
}
