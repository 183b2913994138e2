package org.imbridge.xmpp.files.download;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** The file name a URL's path ends with, made safe to show and to use as a name. */
public final class FileNames {

    /** The longest name returned, in characters. */
    public static final int MAX_LENGTH = 255;
    /** The name when the URL's path gives none. */
    public static final String FALLBACK = "download";

    private FileNames() {
    }

    /**
     * @return the last segment of the URL's path, percent-decoded (UTF-8), with path separators and
     *         control or formatting characters (bidi overrides) replaced, leading dots dropped, at most
     *         {@link #MAX_LENGTH} characters (keeping a short extension); {@link #FALLBACK} when nothing is left
     */
    public static String fromUrl(URI url) {
        String path = url.getRawPath();
        if (path == null || path.isEmpty()) {
            return FALLBACK;
        }
        int slash = path.lastIndexOf('/');
        return sanitised(percentDecoded(path.substring(slash + 1)));
    }

    /** @return {@code name} made safe, as {@link #fromUrl} describes */
    public static String sanitised(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), 4 * MAX_LENGTH));
        name.codePoints().limit(4L * MAX_LENGTH).forEach(cp -> {
            int type = Character.getType(cp);
            if (cp == '/' || cp == '\\' || cp == ':' || Character.isISOControl(cp) || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                out.append('_');
            } else {
                out.appendCodePoint(cp);
            }
        });
        String clean = out.toString().strip();
        int start = 0;
        while (start < clean.length() && clean.charAt(start) == '.') {
            start++;
        }
        clean = clean.substring(start).strip();
        if (clean.isEmpty()) {
            return FALLBACK;
        }
        return shortened(clean);
    }

    private static String shortened(String name) {
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        int keep = MAX_LENGTH - extension.length();
        if (Character.isHighSurrogate(name.charAt(keep - 1))) {
            keep--;
        }
        return name.substring(0, keep) + extension;
    }

    private static String percentDecoded(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
                byte[] encoded = raw.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i = end - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
