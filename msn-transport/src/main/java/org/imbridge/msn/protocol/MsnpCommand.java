package org.imbridge.msn.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One MSNP command as it travels on the wire: a three-character name (three letters, or three digits
 * for an error reply), its parameters, and for payload commands the payload bytes. The payload length
 * parameter is not part of {@link #params()}: the encoder writes it from the payload, the decoder
 * consumes it. Parameters are kept exactly as on the wire (friendly names still URL-encoded) so that a
 * decoded command re-encodes to the same bytes; use {@link MsnpNames} to decode names.
 *
 * <p>Whether the first parameter is a transaction id depends on the command and its direction
 * ({@code MSG} from a client has one, from a server it has not), so it is read with {@link #trId()} by
 * code that knows.
 */
public final class MsnpCommand {

    private final String name;
    private final List<String> params;
    private final byte[] payload;

    /** @param payload kept as it is: callers pass an array nobody else holds */
    private MsnpCommand(String name, List<String> params, byte[] payload) {
        this.name = validateName(name);
        this.params = List.copyOf(params);
        for (String p : this.params) {
            validateParam(p);
        }
        this.payload = payload;
    }

    /** A line command; parameters are converted with {@link String#valueOf(Object)}. */
    public static MsnpCommand of(String name, Object... params) {
        return new MsnpCommand(name, toStrings(params), null);
    }

    /** A payload command; the length parameter is added by the encoder. */
    public static MsnpCommand withPayload(String name, byte[] payload, Object... params) {
        return new MsnpCommand(name, toStrings(params), Objects.requireNonNull(payload, "payload").clone());
    }

    /** Used by the decoder: parameters as split from the line, and a payload array of the decoder's own. */
    static MsnpCommand decoded(String name, List<String> params, byte[] payload) {
        return new MsnpCommand(name, params, payload);
    }

    public String name() {
        return name;
    }

    public List<String> params() {
        return params;
    }

    public int paramCount() {
        return params.size();
    }

    /** The parameter at {@code index}, or {@code null} when there are fewer parameters. */
    public String param(int index) {
        return index < params.size() ? params.get(index) : null;
    }

    public boolean hasPayload() {
        return payload != null;
    }

    /** A copy of the payload bytes, or {@code null} for a line command. */
    public byte[] payload() {
        return payload == null ? null : payload.clone();
    }

    /** The payload bytes themselves, for the encoder: not to be changed. */
    byte[] payloadBytes() {
        return payload;
    }

    /** The payload parsed as a MIME message ({@code MSG}), without copying it first. */
    public MimeMessage payloadAsMime() {
        if (payload == null) {
            throw new IllegalStateException(name + " has no payload");
        }
        return MimeMessage.parse(payload);
    }

    public int payloadLength() {
        return payload == null ? 0 : payload.length;
    }

    /** True for a numeric error reply such as {@code 911 7}. */
    public boolean isError() {
        return Character.isDigit(name.charAt(0));
    }

    /** The error code of an error reply; throws for other commands. */
    public int errorCode() {
        if (!isError()) {
            throw new IllegalStateException(name + " is not an error reply");
        }
        return Integer.parseInt(name);
    }

    /**
     * The transaction id in the first parameter, or -1 when there is none or it is not a number.
     */
    public long trId() {
        String first = param(0);
        if (first == null || first.isEmpty() || first.length() > 10) {
            return -1;
        }
        for (int i = 0; i < first.length(); i++) {
            if (!Character.isDigit(first.charAt(i))) {
                return -1;
            }
        }
        long value = Long.parseLong(first);
        return value <= 0xFFFF_FFFFL ? value : -1;
    }

    public boolean is(String commandName) {
        return name.equals(commandName);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MsnpCommand other)) {
            return false;
        }
        return name.equals(other.name) && params.equals(other.params) && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, params) * 31 + Arrays.hashCode(payload);
    }

    /** The command line without CRLF; a payload is summarised by its length, never printed. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        for (String p : params) {
            sb.append(' ').append(p);
        }
        if (payload != null) {
            sb.append(' ').append(payload.length).append(" <payload>");
        }
        return sb.toString();
    }

    /** The payload as UTF-8 text, for logs and tests. */
    public String payloadText() {
        return payload == null ? "" : new String(payload, StandardCharsets.UTF_8);
    }

    private static String validateName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.length() != 3) {
            throw new IllegalArgumentException("command name must have three characters: '" + name + "'");
        }
        if (!isCommandName(name)) {
            throw new IllegalArgumentException("command name must be three capital letters or digits: '" + name + "'");
        }
        return name;
    }

    /**
     * The one rule for a command name, shared by this class and {@link MsnpDecoder}: three capital
     * letters, or three digits for an error reply.
     */
    static boolean isCommandName(String name) {
        if (name.length() != 3) {
            return false;
        }
        boolean letters = true;
        boolean digits = true;
        for (int i = 0; i < 3; i++) {
            char c = name.charAt(i);
            letters &= c >= 'A' && c <= 'Z';
            digits &= c >= '0' && c <= '9';
        }
        return letters || digits;
    }

    private static void validateParam(String p) {
        if (p.isEmpty()) {
            throw new IllegalArgumentException("empty parameter");
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == ' ' || c == '\r' || c == '\n' || c == '\t') {
                throw new IllegalArgumentException("parameter contains whitespace: '" + p + "'");
            }
        }
    }

    private static List<String> toStrings(Object[] params) {
        String[] out = new String[params.length];
        for (int i = 0; i < params.length; i++) {
            out[i] = String.valueOf(Objects.requireNonNull(params[i], "parameter " + i));
        }
        return Arrays.asList(out);
    }
}
