package org.imbridge.msn.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The MIME-style payload of an MSG (docs/msnp.md §8): {@code Name: value} header lines ending in CRLF, a
 * blank line, and a body. Parsing keeps header order and the exact body bytes; header lookup ignores
 * case. Immutable.
 */
public final class MimeMessage {

    public static final String TEXT_PLAIN = "text/plain; charset=UTF-8";
    public static final String CONTROL = "text/x-msmsgscontrol";
    public static final String PROFILE = "text/x-msmsgsprofile";
    public static final String INITIAL_EMAIL = "text/x-msmsgsinitialemailnotification";
    public static final String NEW_EMAIL = "text/x-msmsgsemailnotification";
    public static final String SYSTEM_MESSAGE = "application/x-msmsgssystemmessage";
    public static final String CLIENT_CAPS = "text/x-clientcaps";
    public static final String DATACAST = "text/x-msnmsgr-datacast";

    /** The format header our client sends with text (docs/msnp.md §8.1). */
    public static final String DEFAULT_FORMAT = "FN=Arial; EF=; CO=0; CS=0; PF=22";

    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;

    private MimeMessage(List<Map.Entry<String, String>> headers, byte[] body) {
        this.headers = Collections.unmodifiableList(headers);
        this.body = body;
    }

    /** A message with the given headers (in order) and body; MIME-Version comes first. */
    public static MimeMessage of(List<Map.Entry<String, String>> headers, byte[] body) {
        return new MimeMessage(new ArrayList<>(headers), body.clone());
    }

    /** A chat text message in UTF-8 with our default format header. */
    public static MimeMessage text(String text) {
        return new MimeMessage(List.of(
                Map.entry("MIME-Version", "1.0"),
                Map.entry("Content-Type", TEXT_PLAIN),
                Map.entry("X-MMS-IM-Format", DEFAULT_FORMAT)),
                text.getBytes(StandardCharsets.UTF_8));
    }

    /** A typing notice for {@code handle}; the body is one CRLF (docs/msnp.md §8.2). */
    public static MimeMessage typing(String handle) {
        return new MimeMessage(List.of(
                Map.entry("MIME-Version", "1.0"),
                Map.entry("Content-Type", CONTROL),
                Map.entry("TypingUser", handle)),
                "\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** A nudge: a datacast with {@code ID: 1} (docs/msnp.md §8.6); servers drop a datacast without an ID. */
    public static MimeMessage nudge() {
        return new MimeMessage(List.of(
                Map.entry("MIME-Version", "1.0"),
                Map.entry("Content-Type", DATACAST)),
                "ID: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Parses a payload. A payload without a blank line is all headers (a malformed message: the official
     * client ignores those; we keep what we can). Header lines without a colon are skipped.
     */
    public static MimeMessage parse(byte[] payload) {
        int split = indexOf(payload, new byte[] {'\r', '\n', '\r', '\n'});
        int headerEnd = split < 0 ? payload.length : split + 2;
        int bodyStart = split < 0 ? payload.length : split + 4;
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        addFields(new String(payload, 0, headerEnd, StandardCharsets.UTF_8), headers);
        byte[] body = new byte[payload.length - bodyStart];
        System.arraycopy(payload, bodyStart, body, 0, body.length);
        return new MimeMessage(headers, body);
    }

    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The first header named {@code name} (case-insensitive), or {@code null}. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** The media type without parameters, lower-case, e.g. {@code text/plain}; empty when missing. */
    public String contentType() {
        String value = header("Content-Type");
        if (value == null) {
            return "";
        }
        int semi = value.indexOf(';');
        return (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The charset parameter of Content-Type, or {@code null}. */
    public String charset() {
        String value = header("Content-Type");
        if (value == null) {
            return null;
        }
        for (String part : value.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return p.substring(8).trim();
            }
        }
        return null;
    }

    public byte[] body() {
        return body.clone();
    }

    /**
     * The body as text: UTF-8 when the charset says so, ISO-8859-1 for bare {@code text/plain}
     * (docs/msnp.md §2.3).
     */
    public String bodyText() {
        String charset = charset();
        if (charset == null && contentType().equals("text/plain")) {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Body fields of notification messages ({@code Inbox-Unread: 1} lines in the body), in order;
     * case of names kept.
     */
    public List<Map.Entry<String, String>> bodyFields() {
        return fieldsOf(new String(body, StandardCharsets.UTF_8));
    }

    /** The first body field named {@code name}, case-insensitive, or {@code null}. */
    public String bodyField(String name) {
        for (Map.Entry<String, String> f : bodyFields()) {
            if (f.getKey().equalsIgnoreCase(name)) {
                return f.getValue();
            }
        }
        return null;
    }

    /** The wire bytes of this payload. */
    public byte[] toBytes() {
        StringBuilder sb = new StringBuilder(128);
        for (Map.Entry<String, String> h : headers) {
            sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + body.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(body, 0, bytes, head.length, body.length);
        return bytes;
    }

    private static List<Map.Entry<String, String>> fieldsOf(String text) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        addFields(text, fields);
        return fields;
    }

    /**
     * Adds the {@code Name: value} lines of CRLF-separated {@code text}. Scans by hand: the two-character
     * separator made {@code String.split} compile a regular expression for every message received.
     */
    private static void addFields(String text, List<Map.Entry<String, String>> fields) {
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf("\r\n", start);
            if (end < 0) {
                end = text.length();
            }
            int colon = text.indexOf(':', start);
            if (colon > start && colon < end) {
                fields.add(Map.entry(text.substring(start, colon).trim(), text.substring(colon + 1, end).trim()));
            }
            start = end + 2;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
