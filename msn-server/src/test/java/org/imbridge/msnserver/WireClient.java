package org.imbridge.msnserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw MSNP peer on a plain socket, for wire-level tests (public so that the live tests in
 * {@code org.imbridge.msnserver.it} can play a misbehaving client too): writes exact bytes, and a reader thread
 * splits what the server sends into frames (a line, plus the payload of MSG / NOT / IPG).
 */
public final class WireClient implements AutoCloseable {

    /** One server line, without CRLF, and its payload (empty for line commands). */
    public record Frame(String line, byte[] payload) {
        public String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private static final Set<String> PAYLOAD_COMMANDS = Set.of("MSG", "NOT", "IPG");
    private static final Frame CLOSED = new Frame("<closed>", new byte[0]);
    public static final Duration WAIT = Duration.ofSeconds(5);

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final String name;

    public WireClient(InetSocketAddress address, String name) throws IOException {
        this.name = name;
        socket = new Socket();
        socket.connect(address, 5000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        Thread reader = new Thread(this::readLoop, "wire-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        try (InputStream in = socket.getInputStream()) {
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    break;
                }
                byte[] payload = new byte[0];
                String[] tokens = line.split(" ");
                if (PAYLOAD_COMMANDS.contains(tokens[0])) {
                    payload = in.readNBytes(Integer.parseInt(tokens[tokens.length - 1]));
                }
                frames.add(new Frame(line, payload));
            }
        } catch (IOException | RuntimeException e) {
            // connection gone
        }
        frames.add(CLOSED);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                if (prev != '\r') {
                    throw new IOException("LF without CR from server");
                }
                byte[] bytes = buf.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            buf.write(b);
            prev = b;
        }
    }

    /** Writes {@code line} + CRLF. */
    public WireClient send(String line) {
        return sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code header} + " " + length + CRLF + payload. */
    public WireClient sendPayload(String header, byte[] payload) {
        byte[] head = (header + " " + payload.length + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + payload.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(payload, 0, all, head.length, payload.length);
        return sendRaw(all);
    }

    public WireClient sendPayload(String header, String payload) {
        return sendPayload(header, payload.getBytes(StandardCharsets.UTF_8));
    }

    public WireClient sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // the server may already have closed; tests assert on what they read
        }
        return this;
    }

    /** The next frame; fails after {@link #WAIT}. */
    public Frame next() {
        try {
            Frame f = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (f == null) {
                fail(name + ": nothing received within " + WAIT);
            }
            if (f == CLOSED) {
                frames.add(CLOSED);
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next line, asserting it is not the end of the connection. */
    public String nextLine() {
        Frame f = next();
        assertThat(f).as(name + ": connection closed unexpectedly").isNotSameAs(CLOSED);
        return f.line();
    }

    /** Asserts the next line is exactly {@code expected}. */
    public WireClient expect(String expected) {
        assertThat(nextLine()).as(name).isEqualTo(expected);
        return this;
    }

    /** Asserts the next frames are exactly {@code expected}, in order. */
    public WireClient expect(String... expected) {
        for (String e : expected) {
            expect(e);
        }
        return this;
    }

    /** Asserts the next frame is a payload command with exactly this line and payload. */
    public WireClient expectPayload(String line, String payload) {
        Frame f = next();
        assertThat(f.line()).as(name).isEqualTo(line);
        assertThat(f.payloadText()).as(name + " payload").isEqualTo(payload);
        return this;
    }

    /** Asserts the server closes the connection with nothing (more) sent. */
    public void expectClosed() {
        Frame f = next();
        assertThat(f.line()).as(name + ": expected the server to close").isEqualTo(CLOSED.line());
    }

    /** Sends PNG and expects QNG as the very next line: proves nothing else was queued before it. */
    public WireClient sync() {
        send("PNG");
        return expect("QNG");
    }

    /** Reads lines until {@code line}; returns the ones before it. */
    public List<String> skipUntil(String line) {
        List<String> skipped = new ArrayList<>();
        for (String l = nextLine(); !l.equals(line); l = nextLine()) {
            skipped.add(l);
        }
        return skipped;
    }

    public boolean isClosedByServer() {
        return frames.peek() == CLOSED;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
