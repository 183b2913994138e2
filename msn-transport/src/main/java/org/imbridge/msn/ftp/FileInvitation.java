package org.imbridge.msn.ftp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.imbridge.msn.protocol.MimeMessage;

/**
 * One file-transfer invitation message body (docs/msnp.md, "Invitations and MSNFTP file transfer"):
 * the sender's INVITE, the receiver's ACCEPT (asking for an address), the sender's ACCEPT (with the
 * address, port and auth cookie to connect to), or a CANCEL. Immutable.
 *
 * <p>{@link #parse(String)} is strict and bounded; {@link #toBody()} renders CRLF lines. The auth cookie
 * is a secret: {@link #toString()} leaves it out.
 */
public final class FileInvitation {

    public static final String CONTENT_TYPE = "text/x-msmsgsinvite; charset=UTF-8";
    public static final String APPLICATION_NAME = "File Transfer";
    public static final String FILE_TRANSFER_GUID = "{5D3E02AB-6190-11d3-BBBB-00C04F795683}";

    /** Cookies are unsigned 32-bit numbers. */
    public static final long MAX_COOKIE = 0xFFFF_FFFFL;
    /** Longest file name accepted, in chars. */
    public static final int MAX_FILE_NAME = 255;
    /** Longest body parsed, in chars; a switchboard MSG payload is far smaller (docs/msnp.md §17). */
    public static final int MAX_BODY = 4096;
    /** Most fields in a body. */
    public static final int MAX_FIELDS = 32;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");

    private final InvitationCommand command;
    private final long cookie;
    private final String fileName;
    private final long fileSize;
    private final String ipAddress;
    private final int port;
    private final long authCookie;
    private final String cancelCodeText;

    private FileInvitation(InvitationCommand command, long cookie, String fileName, long fileSize, String ipAddress,
                           int port, long authCookie, String cancelCodeText) {
        this.command = command;
        this.cookie = cookie;
        this.fileName = fileName;
        this.fileSize = fileSize;
        this.ipAddress = ipAddress;
        this.port = port;
        this.authCookie = authCookie;
        this.cancelCodeText = cancelCodeText;
    }

    // ---- building ----

    /**
     * The sender's offer.
     *
     * @throws IllegalArgumentException for a cookie out of range, a negative size, or a name that is
     *                                  empty, longer than {@link #MAX_FILE_NAME} or holds control characters
     *                                  (pass it through {@link #sanitizeFileName(String)} first)
     */
    public static FileInvitation invite(long cookie, String fileName, long fileSize) {
        checkCookie(cookie);
        Objects.requireNonNull(fileName, "fileName");
        if (fileName.isEmpty() || fileName.length() > MAX_FILE_NAME || hasControl(fileName)) {
            throw new IllegalArgumentException("file name empty, too long or holding control characters");
        }
        if (fileSize < 0) {
            throw new IllegalArgumentException("negative file size: " + fileSize);
        }
        return new FileInvitation(InvitationCommand.INVITE, cookie, fileName, fileSize, null, 0, 0, null);
    }

    /** The receiver's ACCEPT, asking the sender for the address to connect to. */
    public static FileInvitation acceptRequest(long cookie) {
        checkCookie(cookie);
        return new FileInvitation(InvitationCommand.ACCEPT, cookie, null, -1, null, 0, 0, null);
    }

    /** The sender's ACCEPT: where it listens and the cookie the receiver must present. */
    public static FileInvitation acceptWithAddress(long cookie, String ipAddress, int port, long authCookie) {
        checkCookie(cookie);
        if (ipAddress == null || !IPV4.matcher(ipAddress).matches()) {
            throw new IllegalArgumentException("not a dotted IPv4 address: " + ipAddress);
        }
        checkPort(port);
        if (authCookie < 0 || authCookie > MAX_COOKIE) {
            throw new IllegalArgumentException("auth cookie out of range");
        }
        return new FileInvitation(InvitationCommand.ACCEPT, cookie, null, -1, ipAddress, port, authCookie, null);
    }

    /** A CANCEL with one of the known codes (not {@link CancelCode#OTHER}). */
    public static FileInvitation cancel(long cookie, CancelCode code) {
        checkCookie(cookie);
        if (code == null || code == CancelCode.OTHER) {
            throw new IllegalArgumentException("a known cancel code is needed, not " + code);
        }
        return new FileInvitation(InvitationCommand.CANCEL, cookie, null, -1, null, 0, 0, code.name());
    }

    // ---- parsing ----

    /** Parses the body of an MSG whose content type is {@code text/x-msmsgsinvite}. */
    public static FileInvitation fromMessage(MimeMessage message) throws InvalidInvitationException {
        if (!message.contentType().equals("text/x-msmsgsinvite")) {
            throw new InvalidInvitationException("not an invitation: " + message.contentType());
        }
        return parse(new String(message.body(), StandardCharsets.UTF_8));
    }

    /**
     * Parses an invitation body: {@code Name: value} lines (CRLF or LF), blank lines ignored; names are
     * matched ignoring case, unknown names are ignored, a known name given twice is refused.
     *
     * @throws InvalidInvitationException when the body is over {@link #MAX_BODY} or {@link #MAX_FIELDS},
     *                                    a line has no colon, the command is unknown, the cookie is missing
     *                                    or out of range, or the fields the command needs are missing or bad
     */
    public static FileInvitation parse(String body) throws InvalidInvitationException {
        Map<String, String> fields = fields(body);
        String commandText = fields.get("invitation-command");
        if (commandText == null) {
            throw new InvalidInvitationException("no Invitation-Command");
        }
        InvitationCommand command;
        try {
            command = InvitationCommand.valueOf(commandText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInvitationException("unknown Invitation-Command: " + shorten(commandText));
        }
        long cookie = number(fields, "Invitation-Cookie", MAX_COOKIE);
        return switch (command) {
            case INVITE -> parseInvite(fields, cookie);
            case ACCEPT -> parseAccept(fields, cookie);
            case CANCEL -> new FileInvitation(InvitationCommand.CANCEL, cookie, null, -1, null, 0, 0,
                    fields.getOrDefault("cancel-code", ""));
        };
    }

    private static FileInvitation parseInvite(Map<String, String> fields, long cookie)
            throws InvalidInvitationException {
        String guid = fields.get("application-guid");
        if (guid != null && !guid.equalsIgnoreCase(FILE_TRANSFER_GUID)) {
            throw new InvalidInvitationException("not a file transfer: Application-GUID " + shorten(guid));
        }
        String name = fields.get("application-file");
        if (name == null || name.isEmpty()) {
            throw new InvalidInvitationException("no Application-File");
        }
        if (name.length() > MAX_FILE_NAME) {
            throw new InvalidInvitationException("Application-File longer than " + MAX_FILE_NAME + " chars");
        }
        long size = number(fields, "Application-FileSize", Long.MAX_VALUE);
        return new FileInvitation(InvitationCommand.INVITE, cookie, name, size, null, 0, 0, null);
    }

    private static FileInvitation parseAccept(Map<String, String> fields, long cookie)
            throws InvalidInvitationException {
        String ip = fields.get("ip-address");
        if (ip == null || ip.isEmpty()) {
            return new FileInvitation(InvitationCommand.ACCEPT, cookie, null, -1, null, 0, 0, null);
        }
        if (!IPV4.matcher(ip).matches()) {
            throw new InvalidInvitationException("IP-Address is not a dotted IPv4 address: " + shorten(ip));
        }
        long port = number(fields, "Port", 65535);
        if (port == 0) {
            throw new InvalidInvitationException("Port 0");
        }
        long auth = number(fields, "AuthCookie", MAX_COOKIE);
        return new FileInvitation(InvitationCommand.ACCEPT, cookie, null, -1, ip, (int) port, auth, null);
    }

    private static Map<String, String> fields(String body) throws InvalidInvitationException {
        if (body == null) {
            throw new InvalidInvitationException("no body");
        }
        if (body.length() > MAX_BODY) {
            throw new InvalidInvitationException("body longer than " + MAX_BODY + " chars");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        int count = 0;
        for (String raw : body.split("\r?\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (++count > MAX_FIELDS) {
                throw new InvalidInvitationException("more than " + MAX_FIELDS + " fields");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new InvalidInvitationException("a line without a field name: " + shorten(line));
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (fields.putIfAbsent(name, value) != null) {
                throw new InvalidInvitationException("field given twice: " + shorten(name));
            }
        }
        return fields;
    }

    private static long number(Map<String, String> fields, String name, long max) throws InvalidInvitationException {
        String text = fields.get(name.toLowerCase(Locale.ROOT));
        if (text == null) {
            throw new InvalidInvitationException("no " + name);
        }
        if (!DIGITS.matcher(text).matches()) {
            throw new InvalidInvitationException(name + " is not a number of at most 19 digits: " + shorten(text));
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidInvitationException(name + " is out of range: " + shorten(text));
        }
        if (value > max) {
            throw new InvalidInvitationException(name + " is out of range: " + text);
        }
        return value;
    }

    // ---- rendering ----

    /** The body: one {@code Name: value} line per field, each ending in CRLF, then a blank line. */
    public String toBody() {
        List<String> lines = new ArrayList<>();
        switch (command) {
            case INVITE -> {
                lines.add("Application-Name: " + APPLICATION_NAME);
                lines.add("Application-GUID: " + FILE_TRANSFER_GUID);
                lines.add("Invitation-Command: INVITE");
                lines.add("Invitation-Cookie: " + cookie);
                lines.add("Application-File: " + fileName);
                lines.add("Application-FileSize: " + fileSize);
            }
            case ACCEPT -> {
                lines.add("Invitation-Command: ACCEPT");
                lines.add("Invitation-Cookie: " + cookie);
                if (ipAddress != null) {
                    lines.add("IP-Address: " + ipAddress);
                    lines.add("Port: " + port);
                    lines.add("AuthCookie: " + authCookie);
                }
                lines.add("Launch-Application: FALSE");
                lines.add("Request-Data: IP-Address:");
            }
            case CANCEL -> {
                lines.add("Invitation-Command: CANCEL");
                lines.add("Invitation-Cookie: " + cookie);
                lines.add("Cancel-Code: " + cancelCodeText);
            }
        }
        StringBuilder body = new StringBuilder();
        for (String line : lines) {
            body.append(line).append("\r\n");
        }
        return body.append("\r\n").toString();
    }

    /** The whole switchboard MSG payload: MIME headers and {@link #toBody()}. */
    public MimeMessage toMessage() {
        return MimeMessage.of(List.of(Map.entry("MIME-Version", "1.0"), Map.entry("Content-Type", CONTENT_TYPE)),
                toBody().getBytes(StandardCharsets.UTF_8));
    }

    // ---- accessors ----

    public InvitationCommand command() {
        return command;
    }

    public long cookie() {
        return cookie;
    }

    /** The offered name as sent (INVITE only, else {@code null}); see {@link #safeFileName()}. */
    public String fileName() {
        return fileName;
    }

    /** The offered size in bytes (INVITE only, else -1). */
    public long fileSize() {
        return fileSize;
    }

    /** True for the sender's ACCEPT, which carries an address, port and auth cookie. */
    public boolean hasAddress() {
        return ipAddress != null;
    }

    /** The sender's dotted IPv4 address (sender's ACCEPT only, else {@code null}). */
    public String ipAddress() {
        return ipAddress;
    }

    public int port() {
        return port;
    }

    /** The secret the receiver presents in {@code USR}; never log it. */
    public long authCookie() {
        return authCookie;
    }

    /** The code of a CANCEL, {@link CancelCode#OTHER} for one we do not know; {@code null} otherwise. */
    public CancelCode cancelCode() {
        return cancelCodeText == null ? null : CancelCode.parse(cancelCodeText);
    }

    /** The code of a CANCEL as sent (may be empty); {@code null} otherwise. */
    public String cancelCodeText() {
        return cancelCodeText;
    }

    /** {@link #fileName()} made safe to use as a local file name: see {@link #sanitizeFileName(String)}. */
    public String safeFileName() {
        return fileName == null ? null : sanitizeFileName(fileName);
    }

    /**
     * A name safe to create in a directory and to put in an invitation: the part after the last
     * {@code /} or {@code \}, without control or format characters, with {@code :*?"<>|} replaced by
     * {@code _}, at most {@link #MAX_FILE_NAME} chars, and never empty, {@code .} or {@code ..}
     * ({@code file} then).
     */
    public static String sanitizeFileName(String name) {
        String base = name;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(slash + 1);
        StringBuilder out = new StringBuilder(Math.min(base.length(), MAX_FILE_NAME));
        for (int i = 0; i < base.length() && out.length() < MAX_FILE_NAME; ) {
            int cp = base.codePointAt(i);
            i += Character.charCount(cp);
            if (isControl(cp)) {
                continue;
            }
            if (":*?\"<>|".indexOf(cp) >= 0) {
                out.append('_');
            } else if (out.length() + Character.charCount(cp) <= MAX_FILE_NAME) {
                out.appendCodePoint(cp);
            } else {
                break;
            }
        }
        String safe = out.toString().strip();
        return safe.isEmpty() || safe.equals(".") || safe.equals("..") ? "file" : safe;
    }

    private static boolean hasControl(String s) {
        return s.codePoints().anyMatch(FileInvitation::isControl);
    }

    private static boolean isControl(int cp) {
        int type = Character.getType(cp);
        return Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }

    private static void checkCookie(long cookie) {
        if (cookie < 0 || cookie > MAX_COOKIE) {
            throw new IllegalArgumentException("invitation cookie out of range: " + cookie);
        }
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    private static String shorten(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 40 ? clean : clean.substring(0, 40) + "…";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileInvitation other && command == other.command && cookie == other.cookie
                && fileSize == other.fileSize && port == other.port && authCookie == other.authCookie
                && Objects.equals(fileName, other.fileName) && Objects.equals(ipAddress, other.ipAddress)
                && Objects.equals(cancelCodeText, other.cancelCodeText);
    }

    @Override
    public int hashCode() {
        return Objects.hash(command, cookie, fileName, fileSize, ipAddress, port, authCookie, cancelCodeText);
    }

    @Override
    public String toString() {
        return "FileInvitation[" + command + " cookie=" + cookie
                + (fileName != null ? " file=" + shorten(fileName) + " size=" + fileSize : "")
                + (ipAddress != null ? " at " + ipAddress + ":" + port : "")
                + (cancelCodeText != null ? " code=" + shorten(cancelCodeText) : "") + "]";
    }
}
