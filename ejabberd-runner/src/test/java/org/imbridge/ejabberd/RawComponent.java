package org.imbridge.ejabberd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An XEP-0114 component in a few lines: connects, shakes hands, and reads the raw stream. */
final class RawComponent implements AutoCloseable {

    private static final Pattern STREAM_ID = Pattern.compile("<stream:stream[^>]*\\sid=['\"]([^'\"]+)['\"]");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final StringBuilder received = new StringBuilder();

    private RawComponent(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** @return a component that completed the handshake on {@code port} as {@code domain} */
    static RawComponent connect(String host, int port, String domain, String secret) throws IOException {
        RawComponent component = new RawComponent(new Socket(host, port));
        try {
            component.send("<stream:stream xmlns='jabber:component:accept'"
                    + " xmlns:stream='http://etherx.jabber.org/streams' to='" + domain + "'>");
            String header = component.readUntil(STREAM_ID, Duration.ofSeconds(10));
            Matcher id = STREAM_ID.matcher(header);
            id.find();
            component.send("<handshake>" + sha1(id.group(1) + secret) + "</handshake>");
            component.readUntil(Pattern.compile("<handshake\\s*/>|<handshake></handshake>|</stream:stream>"),
                    Duration.ofSeconds(10));
            if (!component.received().contains("<handshake")) {
                throw new IOException("the server refused the handshake: " + component.received());
            }
            return component;
        } catch (IOException | RuntimeException e) {
            component.close();
            throw e;
        }
    }

    void send(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Reads until everything received so far matches {@code pattern} somewhere.
     *
     * @return everything received so far
     * @throws IOException when the stream ends or nothing matching arrives within {@code timeout}
     */
    String readUntil(Pattern pattern, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[8192];
        while (!pattern.matcher(received).find()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("no " + pattern + " within " + timeout + "; received: " + received);
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            int read = in.read(buffer);
            if (read < 0) {
                throw new IOException("the stream ended before " + pattern + "; received: " + received);
            }
            received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
        }
        return received.toString();
    }

    String received() {
        return received.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
