package org.imbridge.msn.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.mina.core.service.SimpleIoProcessorPool;
import org.apache.mina.transport.socket.nio.NioProcessor;
import org.apache.mina.transport.socket.nio.NioSession;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.imbridge.msn.ftp.TransferFailedException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sender and a receiver on loopback, sharing one I/O processor pool as the gateway would. */
class MsnftpTransferTest {

    private static final String BOB = "bob@example.com";
    private static final long COOKIE = 3_141_592_653L;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final MsnftpTimeouts TIMEOUTS = MsnftpTimeouts.all(Duration.ofSeconds(10));

    @TempDir
    Path dir;

    private ExecutorService threads;
    private SimpleIoProcessorPool<NioSession> processors;
    private NioSocketConnector connector;
    private ScheduledThreadPoolExecutor timer;

    @BeforeEach
    void setUp() {
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "msnftp-test");
            t.setDaemon(true);
            return t;
        });
        processors = new SimpleIoProcessorPool<>(NioProcessor.class, threads, 2, null);
        connector = MsnftpConnectors.create(threads, processors);
        timer = new ScheduledThreadPoolExecutor(1);
    }

    @AfterEach
    void tearDown() {
        connector.dispose(false);
        processors.dispose();
        timer.shutdownNow();
        threads.shutdownNow();
    }

    private MsnftpSender sender(Path file, MsnftpTimeouts timeouts) {
        return new MsnftpSender(threads, processors, timer, timeouts, file, BOB, COOKIE);
    }

    private MsnftpReceiver receiver(int port, long cookie, long size, Path to) {
        return new MsnftpReceiver(connector, timer, TIMEOUTS, new InetSocketAddress(LOOPBACK, port), BOB, cookie,
                size, to);
    }

    private Path randomFile(String name, int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return Files.write(dir.resolve(name), data);
    }

    private Path emptyTarget() throws IOException {
        return Files.createFile(dir.resolve("received-" + System.nanoTime()));
    }

    private static TransferResult await(CompletableFuture<TransferResult> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    private static Reason failureOf(CompletableFuture<TransferResult> f) throws Exception {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TransferFailedException.class);
            return ((TransferFailedException) e.getCause()).reason();
        }
        throw new AssertionError("the transfer succeeded");
    }

    private static String failureMessage(CompletableFuture<TransferResult> f) {
        assertThatThrownBy(f::join).hasCauseInstanceOf(TransferFailedException.class);
        return f.handle((r, e) -> (e instanceof CompletionException ? e.getCause() : e).getMessage()).join();
    }

    private static byte[] sha256(Path p) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
    }

    @Test
    void transfersA3MiBFileIntact() throws Exception {
        Path source = randomFile("big.bin", 3 * 1024 * 1024 + 17);
        Path target = emptyTarget();
        MsnftpSender sender = sender(source, TIMEOUTS);
        int port = sender.start(LOOPBACK, PortRange.ANY);
        long[] lastProgress = new long[1];

        TransferResult received = await(receiver(port, COOKIE, Files.size(source), target)
                .onProgress(n -> lastProgress[0] = n).start());
        TransferResult sent = await(sender.result());

        assertThat(received.bytes()).isEqualTo(Files.size(source));
        assertThat(sent.bytes()).isEqualTo(Files.size(source));
        assertThat(lastProgress[0]).isEqualTo(Files.size(source));
        assertThat(sha256(target)).isEqualTo(sha256(source));
    }

    @Test
    void transfersAnEmptyFile() throws Exception {
        Path source = Files.createFile(dir.resolve("empty"));
        Path target = randomFile("old-content", 100);
        MsnftpSender sender = sender(source, TIMEOUTS);
        int port = sender.start(LOOPBACK, PortRange.ANY);

        TransferResult received = await(receiver(port, COOKIE, 0, target).start());

        assertThat(received.bytes()).isZero();
        assertThat(await(sender.result()).bytes()).isZero();
        assertThat(Files.size(target)).isZero();
    }

    @Test
    void aWrongAuthCookieGetsNoDataAndBothFail() throws Exception {
        Path source = randomFile("secret.bin", 5000);
        Path target = emptyTarget();
        MsnftpSender sender = sender(source, TIMEOUTS);
        int port = sender.start(LOOPBACK, PortRange.ANY);

        CompletableFuture<TransferResult> receiving = receiver(port, COOKIE + 1, 5000, target).start();

        assertThat(failureOf(sender.result())).isEqualTo(Reason.AUTH_FAILED);
        assertThat(failureOf(receiving)).isEqualTo(Reason.CONNECTION_FAILED);
        assertThat(Files.size(target)).isZero();
    }

    @Test
    void theReceiverCancelsMidway() throws Exception {
        Path source = randomFile("big.bin", 3 * 1024 * 1024);
        Path target = emptyTarget();
        MsnftpSender sender = sender(source, TIMEOUTS);
        int port = sender.start(LOOPBACK, PortRange.ANY);
        MsnftpReceiver receiver = receiver(port, COOKIE, Files.size(source), target);
        AtomicBoolean cancelled = new AtomicBoolean();
        receiver.onProgress(n -> {
            if (n >= 1024 * 1024 && cancelled.compareAndSet(false, true)) {
                receiver.cancel();
            }
        });

        CompletableFuture<TransferResult> receiving = receiver.start();

        assertThat(failureOf(receiving)).isEqualTo(Reason.CANCELLED);
        assertThat(failureOf(sender.result())).isEqualTo(Reason.CANCELLED_BY_PEER);
        assertThat(Files.size(target)).isBetween(1024L * 1024, Files.size(source) - 1);
    }

    @Test
    void theSenderCancelsMidway() throws Exception {
        Path source = randomFile("big.bin", 3 * 1024 * 1024);
        Path target = emptyTarget();
        MsnftpSender sender = sender(source, TIMEOUTS);
        AtomicBoolean cancelled = new AtomicBoolean();
        sender.onProgress(n -> {
            if (n >= 1024 * 1024 && cancelled.compareAndSet(false, true)) {
                sender.cancel();
            }
        });
        int port = sender.start(LOOPBACK, PortRange.ANY);

        CompletableFuture<TransferResult> receiving = receiver(port, COOKIE, Files.size(source), target).start();

        assertThat(failureOf(sender.result())).isEqualTo(Reason.CANCELLED);
        assertThat(failureOf(receiving)).isEqualTo(Reason.CANCELLED_BY_PEER);
        assertThat(failureMessage(receiving)).isEqualTo("cancelled by the sender");
        assertThat(Files.size(target)).isLessThan(Files.size(source));
    }

    @Test
    void theSenderGivesUpWhenNobodyConnects() throws Exception {
        MsnftpSender sender = sender(randomFile("f", 10), new MsnftpTimeouts(Duration.ofSeconds(10),
                Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(10)));
        int port = sender.start(LOOPBACK, PortRange.ANY);

        assertThat(failureOf(sender.result())).isEqualTo(Reason.TIMEOUT);
        assertThat(failureMessage(sender.result())).contains("the receiver to connect");
        assertThatThrownBy(() -> {
            try (Socket s = new Socket(LOOPBACK, port)) {
                s.getInputStream().read();
            }
        }).isInstanceOf(IOException.class);
    }

    @Test
    void aFilSizeOtherThanTheInvitationsIsRefused() throws Exception {
        Path source = randomFile("f", 4000);
        MsnftpSender sender = sender(source, TIMEOUTS);
        int port = sender.start(LOOPBACK, PortRange.ANY);

        CompletableFuture<TransferResult> receiving = receiver(port, COOKIE, 3999, emptyTarget()).start();

        assertThat(failureOf(receiving)).isEqualTo(Reason.SIZE_MISMATCH);
        assertThat(failureOf(sender.result())).isEqualTo(Reason.CANCELLED_BY_PEER);
    }

    @Test
    void theReceiverSeesNothingListening() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }

        assertThat(failureOf(receiver(port, COOKIE, 1, emptyTarget()).start())).isEqualTo(Reason.CONNECTION_FAILED);
    }

    @Test
    void aFullPortRangeFailsClearly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            int p = taken.getLocalPort();
            MsnftpSender sender = sender(randomFile("f", 10), TIMEOUTS);

            assertThatThrownBy(() -> sender.start(LOOPBACK, new PortRange(p, p)))
                    .isInstanceOf(TransferFailedException.class).hasMessageContaining("no free port");
            assertThat(failureOf(sender.result())).isEqualTo(Reason.CONNECTION_FAILED);
        }
    }

    @Test
    void aSecondConnectionIsNotServed() throws Exception {
        MsnftpSender sender = sender(randomFile("f", 10), TIMEOUTS);
        int port = sender.start(LOOPBACK, PortRange.ANY);
        try (Socket first = new Socket(LOOPBACK, port)) {
            OutputStream out = first.getOutputStream();
            out.write("VER MSNFTP\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = first.getInputStream();
            assertThat(readLine(in)).isEqualTo("VER MSNFTP");

            boolean secondServed;
            try (Socket second = new Socket(LOOPBACK, port)) {
                second.setSoTimeout(5000);
                second.getOutputStream().write("VER MSNFTP\r\n".getBytes(StandardCharsets.US_ASCII));
                secondServed = second.getInputStream().read() >= 0;
            } catch (IOException refusedOrReset) {
                secondServed = false;
            }

            assertThat(secondServed).isFalse();
            sender.cancel();
            assertThat(readLine(in)).isEqualTo("CCL");
        }
        assertThat(failureOf(sender.result())).isEqualTo(Reason.CANCELLED);
    }

    @Test
    void aReceiverThatStopsReadingTimesTheSenderOut() throws Exception {
        Path source = randomFile("huge.bin", 24 * 1024 * 1024);
        MsnftpSender sender = sender(source, new MsnftpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofMillis(500)));
        int port = sender.start(LOOPBACK, PortRange.ANY);
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress(LOOPBACK, port));
            OutputStream out = stalled.getOutputStream();
            InputStream in = stalled.getInputStream();
            out.write("VER MSNFTP\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(in)).isEqualTo("VER MSNFTP");
            out.write(("USR " + BOB + " " + COOKIE + "\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(in)).isEqualTo("FIL " + Files.size(source));
            out.write("TFR\r\n".getBytes(StandardCharsets.US_ASCII));

            assertThat(failureOf(sender.result())).isEqualTo(Reason.TIMEOUT);
            assertThat(failureMessage(sender.result())).contains("take the data");
        }
    }

    @Test
    void aSilentSenderTimesTheReceiverOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, LOOPBACK)) {
            MsnftpReceiver receiver = new MsnftpReceiver(connector, timer, MsnftpTimeouts.all(Duration.ofMillis(300)),
                    new InetSocketAddress(LOOPBACK, silent.getLocalPort()), BOB, COOKIE, 10, emptyTarget());

            CompletableFuture<TransferResult> receiving = receiver.start();

            assertThat(failureOf(receiving)).isEqualTo(Reason.TIMEOUT);
            assertThat(failureMessage(receiving)).contains("VER");
        }
    }

    /** A hand-written sender: accepts one connection, checks the dialogue up to TFR, then runs {@code data}. */
    private CompletableFuture<String> scriptedSender(ServerSocket server, long size, SocketScript data) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                assertThat(readLine(in)).isEqualTo("VER MSNFTP");
                out.write("VER MSNFTP\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(readLine(in)).isEqualTo("USR " + BOB + " " + COOKIE);
                out.write(("FIL " + size + "\r\n").getBytes(StandardCharsets.US_ASCII));
                assertThat(readLine(in)).isEqualTo("TFR");
                data.run(out);
                return readLine(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, threads);
    }

    private interface SocketScript {
        void run(OutputStream out) throws IOException;
    }

    @Test
    void aSenderSendingMoreThanAnnouncedIsCut() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            Path target = emptyTarget();
            CompletableFuture<String> peer = scriptedSender(server, 4, out -> out.write(
                    MsnftpDecoderHarness.encode(new MsnftpFrame.DataBlock(new byte[] {1, 2, 3, 4, 5}))));

            CompletableFuture<TransferResult> receiving = receiver(server.getLocalPort(), COOKIE, 4, target).start();

            assertThat(failureOf(receiving)).isEqualTo(Reason.PROTOCOL_ERROR);
            assertThat(peer.get(30, TimeUnit.SECONDS)).isEqualTo("CCL");
            assertThat(Files.size(target)).isZero();
        }
    }

    @Test
    void aCclLineWhereABlockIsDueIsTheSendersCancel() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            CompletableFuture<String> peer = scriptedSender(server, 10_000, out -> {
                out.write(MsnftpDecoderHarness.encode(new MsnftpFrame.DataBlock(new byte[100])));
                out.write("CCL\r\n".getBytes(StandardCharsets.US_ASCII));
            });

            CompletableFuture<TransferResult> receiving =
                    receiver(server.getLocalPort(), COOKIE, 10_000, emptyTarget()).start();

            assertThat(failureOf(receiving)).isEqualTo(Reason.CANCELLED_BY_PEER);
            assertThat(failureMessage(receiving)).isEqualTo("cancelled by the sender");
            assertThat(peer.get(30, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void aWrongHandleGetsNoFil() throws Exception {
        MsnftpSender sender = sender(randomFile("f", 10), TIMEOUTS);
        int port = sender.start(LOOPBACK, PortRange.ANY);
        try (Socket s = new Socket(LOOPBACK, port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("VER MSNFTP\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(s.getInputStream())).isEqualTo("VER MSNFTP");
            out.write(("USR mallory@example.com " + COOKIE + "\r\n").getBytes(StandardCharsets.US_ASCII));

            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(failureOf(sender.result())).isEqualTo(Reason.AUTH_FAILED);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
