package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpEncoder;

/** The server side of one client connection, as the test script sees it. */
final class FakePeer {

    static final Duration WAIT = Duration.ofSeconds(5);

    private final IoSession session;
    private final BlockingQueue<MsnpCommand> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Throwable failure;
    private volatile String handle;

    FakePeer(IoSession session) {
        this.session = session;
    }

    void received(MsnpCommand cmd) {
        received.add(cmd);
    }

    /** For responders: the handle of the {@code USR MD5 I} seen on this connection, remembered by {@link #handle()}. */
    String handle() {
        return handle;
    }

    void rememberHandle(String value) {
        handle = value;
    }

    void closed() {
        closed.complete(null);
    }

    void failed(Throwable cause) {
        failure = cause;
    }

    /** The next command from the client; fails after {@link #WAIT}. */
    MsnpCommand next() throws InterruptedException {
        MsnpCommand cmd = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (cmd == null) {
            throw new AssertionError("expected a command from the client within " + WAIT
                    + (failure == null ? "" : "; server-side error: " + failure)
                    + (closed.isDone() ? "; the connection is closed" : ""));
        }
        return cmd;
    }

    /** The next command, which must be named {@code name}. */
    MsnpCommand expect(String name) throws InterruptedException {
        MsnpCommand cmd = next();
        assertThat(cmd.name()).as("command from the client: " + line(cmd)).isEqualTo(name);
        return cmd;
    }

    /** The next command, whose line (payload length included, CRLF excluded) must be exactly {@code line}. */
    MsnpCommand expectLine(String line) throws InterruptedException {
        MsnpCommand cmd = next();
        assertThat(line(cmd)).as("command from the client").isEqualTo(line);
        return cmd;
    }

    /** Nothing arrives from the client for {@code quiet}. */
    void expectNothingFor(Duration quiet) throws InterruptedException {
        MsnpCommand cmd = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(cmd == null ? null : line(cmd)).as("unexpected command from the client").isNull();
    }

    /** Sends each line with CRLF appended, as raw bytes. */
    FakePeer send(String... lines) {
        for (String line : lines) {
            sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /** Sends {@code header} with the payload's byte length appended, CRLF, then the payload. */
    FakePeer sendPayload(String header, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        byte[] head = (header + " " + body.length + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return sendRaw(all);
    }

    FakePeer sendRaw(byte[] bytes) {
        session.write(IoBuffer.wrap(bytes));
        return this;
    }

    /** Every command received and not yet taken, taken now. */
    java.util.List<MsnpCommand> drain() {
        java.util.List<MsnpCommand> all = new java.util.ArrayList<>();
        received.drainTo(all);
        return all;
    }

    /** Sends {@code bytes} and waits until they are written (or the connection is gone); for floods that must not pile up in memory. */
    boolean sendRawAndWait(byte[] bytes) {
        return session.write(IoBuffer.wrap(bytes)).awaitUninterruptibly(WAIT.toMillis()) && !session.isClosing();
    }

    /** The server port this connection came in on. */
    int localPort() {
        return ((java.net.InetSocketAddress) session.getLocalAddress()).getPort();
    }

    void close() {
        session.closeNow();
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Waits until the client has closed the connection; fails after {@link #WAIT}. */
    void awaitClosed() throws Exception {
        closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The command's line as the client wrote it, without CRLF. */
    static String line(MsnpCommand cmd) {
        String wire = new String(MsnpEncoder.toBytes(cmd), StandardCharsets.UTF_8);
        return wire.substring(0, wire.indexOf("\r\n"));
    }
}
