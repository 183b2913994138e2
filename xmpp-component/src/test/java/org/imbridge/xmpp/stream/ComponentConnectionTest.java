package org.imbridge.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComponentConnectionTest {

    private static final String SECRET = "s3cret";
    private static final Duration TIMEOUT = FakeComponentServer.TIMEOUT;

    private FakeComponentServer server;
    private ComponentConnection connection;
    private final List<ComponentState> states = new CopyOnWriteArrayList<>();
    private final List<Stanza> received = new CopyOnWriteArrayList<>();
    private final List<String> listenerThreads = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void fastPolling() {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(10));
    }

    @AfterAll
    static void defaultPolling() {
        Awaitility.reset();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new FakeComponentServer();
    }

    @AfterEach
    void stopAll() throws IOException {
        if (connection != null) {
            connection.close();
        }
        server.close();
    }

    @Test
    void handshakeDigestIsLowercaseHexSha1OfStreamIdAndSecret() {
        assertThat(StreamXml.digest("3BF96D32", "sesame")).isEqualTo("7a98dc4c9e92493d7fd66a25364c862637789c45");
        assertThat(StreamXml.digest("id\u00e9\u20ac", "s3cret")).isEqualTo("8a751dd9c205f6cb86f8103c9ca5738840e1ee57");
    }

    @Test
    void opensTheComponentStreamAndGoesOnlineAfterTheHandshake() throws Exception {
        CompletableFuture<Void> started = connect(b -> { }).start().toCompletableFuture();

        FakeComponentServer.Peer peer = server.nextConnection();
        peer.awaitReceived(">");
        assertThat(peer.received()).isEqualTo("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept'"
                + " xmlns:stream='http://etherx.jabber.org/streams' to='msn.localhost'>");
        peer.send(FakeComponentServer.header("abc123"));
        peer.awaitReceived("</handshake>");
        assertThat(started).isNotDone();
        peer.send("<handshake/>");

        started.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(states).containsExactly(new ComponentState.Connecting(1), new ComponentState.Online("abc123"));
        assertThat(peer.received()).endsWith("<handshake>" + Handshakes.sha1Hex("abc123" + SECRET) + "</handshake>");
    }

    @Test
    void incomingStanzasReachTheListenerInOrderOffTheIoThread() throws Exception {
        FakeComponentServer.Peer peer = connectOnline();
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            burst.append("<message from='alice@localhost/pc' to='bob@msn.localhost' id='m").append(i)
                    .append("'><body>n\u00b0").append(i).append("</body></message>");
        }
        peer.send(burst.toString());

        await().atMost(TIMEOUT).until(() -> received.size() == 50);
        for (int i = 0; i < 50; i++) {
            Message message = (Message) received.get(i);
            assertThat(message.getStanzaId()).isEqualTo("m" + i);
            assertThat(message.getBody()).isEqualTo("n\u00b0" + i);
        }
        assertThat(listenerThreads).allMatch("xmpp-component-events"::equals);
    }

    @Test
    void slowListenerPausesReadingWithoutLosingStanzas() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        connection = ComponentConnection.builder(config(b -> b.maxIncomingBacklog(4)))
                .onStanza(stanza -> {
                    awaitQuietly(release);
                    received.add(stanza);
                })
                .onStateChange(states::add)
                .build();
        connection.start();
        FakeComponentServer.Peer peer = server.acceptHandshake("s1", SECRET);
        await().atMost(TIMEOUT).until(() -> states.contains(new ComponentState.Online("s1")));
        for (int i = 0; i < 200; i++) {
            peer.send("<presence from='alice@localhost/pc' to='bob@msn.localhost' id='p" + i + "'/>");
        }

        release.countDown();

        await().atMost(TIMEOUT).until(() -> received.size() == 200);
        assertThat(received).extracting(Stanza::getStanzaId).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 200).mapToObj(i -> "p" + i).toList());
    }

    @Test
    void sentStanzasCarryNoClientNamespace() throws Exception {
        FakeComponentServer.Peer peer = connectOnline();

        assertThat(connection.send(message("alice@localhost", "hello \u00e9"))).isTrue();

        peer.awaitReceived("</message>");
        String written = peer.received().substring(peer.received().indexOf("<message"));
        assertThat(written).isEqualTo("<message to='alice@localhost' from='bob@msn.localhost' id='out1'>"
                + "<body>hello \u00e9</body></message>");
    }

    @Test
    void sendIsRefusedBeforeStartAndAfterStop() throws Exception {
        connect(b -> { });
        assertThat(connection.send(message("alice@localhost", "early"))).isFalse();

        connection.start();
        server.acceptHandshake("s1", SECRET);
        connection.stop().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(connection.send(message("alice@localhost", "late"))).isFalse();
    }

    @Test
    void oversizedOutgoingStanzaIsRefused() throws Exception {
        connection = ComponentConnection.builder(config(b -> b.maxStanzaBytes(100))).build();
        connection.start();
        server.acceptHandshake("s1", SECRET);

        assertThat(connection.send(message("alice@localhost", "x".repeat(100)))).isFalse();
        assertThat(connection.send(message("alice@localhost", "x"))).isTrue();
    }

    @Test
    void stanzasSentWhileConnectingAreQueuedUpToTheBoundAndFlushedInOrder() throws Exception {
        connect(b -> b.maxOutgoingQueue(3)).start();
        FakeComponentServer.Peer peer = server.nextConnection();
        peer.awaitReceived("to='msn.localhost'>");

        assertThat(connection.send(message("alice@localhost", "one"))).isTrue();
        assertThat(connection.send(message("alice@localhost", "two"))).isTrue();
        assertThat(connection.send(message("alice@localhost", "three"))).isTrue();
        assertThat(connection.send(message("alice@localhost", "four"))).isFalse();
        assertThat(peer.received()).doesNotContain("<message");

        peer.send(FakeComponentServer.header("s1"));
        peer.awaitReceived("</handshake>");
        peer.send("<handshake/>");

        peer.awaitReceived("three</body></message>");
        String written = peer.received();
        assertThat(written.indexOf(">one<")).isLessThan(written.indexOf(">two<"));
        assertThat(written.indexOf(">two<")).isLessThan(written.indexOf(">three<"));
        assertThat(written).doesNotContain("four");
        await().atMost(TIMEOUT).until(() -> connection.send(message("alice@localhost", "five")));
    }

    @Test
    void aSenderWaitsForAFullQueueToDrainWhileOnlineInsteadOfDroppingStanzas() throws Exception {
        server.close();
        server = new FakeComponentServer(16 * 1024);
        CompletableFuture<Void> online = connect(b -> b.maxOutgoingQueue(3)).start().toCompletableFuture();
        FakeComponentServer.Peer peer = server.acceptHandshake("s1", SECRET);
        online.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        peer.pauseReading();
        String body = "x".repeat(20_000);
        int count = 400; // 8 MB: more than the socket buffers hold, so writes stop completing
        CompletableFuture<Long> accepted = CompletableFuture.supplyAsync(() -> java.util.stream.IntStream.range(0, count)
                .filter(i -> connection.send(uncheckedMessage(body + "#" + i + "#"))).count());

        await().atMost(TIMEOUT).until(() -> connection.outgoingQueueSize() == 3);
        assertThat(accepted).isNotDone();
        peer.resumeReading();

        assertThat(accepted.get(30, TimeUnit.SECONDS)).isEqualTo(count);
        peer.awaitReceived("#" + (count - 1) + "#");
        assertThat(peer.received().split("</message>", -1)).hasSize(count + 1);
    }

    private static Message uncheckedMessage(String body) {
        try {
            return message("alice@localhost", body);
        } catch (org.jxmpp.stringprep.XmppStringprepException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "not-authorized, secret",
        "conflict, already has a component connected",
        "host-unknown, does not know the component domain"
    })
    void configurationErrorsStopForGoodWithAdvice(String condition, String advice) throws Exception {
        CompletableFuture<Void> started = connect(b -> { }).start().toCompletableFuture();
        FakeComponentServer.Peer peer = server.nextConnection();
        peer.awaitReceived("to='msn.localhost'>");
        peer.send(FakeComponentServer.header("s1"));
        peer.awaitReceived("</handshake>");

        peer.send(FakeComponentServer.streamError(condition, "refused"));

        assertThatThrownBy(() -> started.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(ComponentConnectionException.class, e -> {
                    assertThat(e.isFatal()).isTrue();
                    assertThat(e.getMessage()).contains(condition).contains(advice).contains("msn.localhost");
                });
        assertThat(states).last().isInstanceOfSatisfying(ComponentState.Stopped.class, stopped -> {
            assertThat(stopped.fatal()).isTrue();
            assertThat(stopped.reason()).contains(advice);
        });
        await().atMost(TIMEOUT).until(peer::isClosedByComponent);
        // No reconnect loop: with a 50 ms backoff a retry would have come long before this.
        await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> server.connectionCount() == 1);
        assertThat(states).noneMatch(ComponentState.Reconnecting.class::isInstance);
    }

    @Test
    void headerWithoutIdFollowedByHostUnknownIsFatal() throws Exception {
        CompletableFuture<Void> started = connect(b -> { }).start().toCompletableFuture();
        FakeComponentServer.Peer peer = server.nextConnection();
        peer.awaitReceived("to='msn.localhost'>");

        peer.send("<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' id=''"
                + " version='1.0' xmlns='jabber:component:accept'>"
                + FakeComponentServer.streamError("host-unknown", "msn.localhost does not match"));

        assertThatThrownBy(() -> started.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(ComponentConnectionException.class);
        assertThat(peer.received()).doesNotContain("<handshake>");
    }

    @Test
    void otherStreamErrorsReconnect() throws Exception {
        FakeComponentServer.Peer first = connectOnline();

        first.send(FakeComponentServer.streamError("system-shutdown", "bye"));

        server.acceptHandshake("s2", SECRET);
        await().atMost(TIMEOUT).until(() -> states.contains(new ComponentState.Online("s2")));
        assertThat(states).filteredOn(ComponentState.Reconnecting.class::isInstance).singleElement()
                .extracting(s -> ((ComponentState.Reconnecting) s).cause()).asString()
                .contains("system-shutdown").contains("bye");
    }

    @Test
    void droppedConnectionReconnectsAndQueuedStanzasFollow() throws Exception {
        FakeComponentServer.Peer first = connectOnline();

        first.close();
        await().atMost(TIMEOUT).until(() -> states.get(states.size() - 1) instanceof ComponentState.Reconnecting
                || states.get(states.size() - 1) instanceof ComponentState.Connecting);
        assertThat(connection.send(message("alice@localhost", "while away"))).isTrue();
        FakeComponentServer.Peer second = server.acceptHandshake("s2", SECRET);

        second.awaitReceived("while away</body></message>");
        // the queued stanza may be written before the listeners hear of the new state
        await().atMost(TIMEOUT).until(() -> states.contains(new ComponentState.Online("s2")));
        assertThat(states).containsSubsequence(new ComponentState.Online("s1"), new ComponentState.Connecting(1),
                new ComponentState.Online("s2"));
    }

    @Test
    void unreachableServerIsRetriedWithGrowingJitteredDelays() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        connection = ComponentConnection.builder(config(b -> b.port(closedPort)
                        .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(80))))
                .onStateChange(states::add)
                .random(new SplittableRandom(42))
                .build();
        connection.start();

        await().atMost(TIMEOUT).until(() -> reconnectDelays().size() >= 5);
        List<Long> delays = reconnectDelays();
        assertThat(delays.get(0)).isBetween(10L, 20L);
        assertThat(delays.get(1)).isBetween(20L, 40L);
        assertThat(delays.get(2)).isBetween(40L, 80L);
        assertThat(delays.get(3)).isBetween(40L, 80L);
        assertThat(states).filteredOn(ComponentState.Reconnecting.class::isInstance).first()
                .extracting(s -> ((ComponentState.Reconnecting) s).cause()).asString().contains("cannot connect");
        assertThat(states).contains(new ComponentState.Connecting(4));
    }

    @Test
    void serverThatNeverAnswersTimesOutAndIsRetried() throws Exception {
        connect(b -> b.connectTimeout(Duration.ofMillis(300))).start();
        FakeComponentServer.Peer silent = server.nextConnection();

        server.acceptHandshake("s2", SECRET);

        await().atMost(TIMEOUT).until(() -> states.contains(new ComponentState.Online("s2")));
        assertThat(silent.isClosedByComponent()).isTrue();
        assertThat(states).anySatisfy(s -> assertThat(s).isInstanceOfSatisfying(ComponentState.Reconnecting.class,
                r -> assertThat(r.cause()).contains("no accepted handshake")));
    }

    @Test
    void malformedXmlFromTheServerIsAnsweredWithAStreamErrorAndAReconnect() throws Exception {
        FakeComponentServer.Peer first = connectOnline();

        first.send("<message><body>oops</message>");

        first.awaitReceived("<not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
        first.awaitReceived("</stream:stream>");
        server.acceptHandshake("s2", SECRET);
        await().atMost(TIMEOUT).until(() -> states.contains(new ComponentState.Online("s2")));
    }

    @ParameterizedTest
    @CsvSource({"overlong UTF-8, C0AF", "character reference to NUL, 263B303B"})
    void malformedTextIsAStreamErrorAndAReconnectWithNoStanzaContentLogged(String what, String hex) throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try {
            FakeComponentServer.Peer first = connectOnline();
            byte[] before = "<message from='alice@localhost/pc' to='bob@msn.localhost'><body>my secret words "
                    .getBytes(StandardCharsets.UTF_8);
            byte[] after = " more secret words</body></message>".getBytes(StandardCharsets.UTF_8);
            first.send(concat(before, HexFormat.of().parseHex(hex), after));

            first.awaitReceived("<not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
            server.acceptHandshake("s2", SECRET);
            await().atMost(TIMEOUT).until(() -> states.contains(new ComponentState.Online("s2")));
            assertThat(received).as(what).isEmpty();
            assertThat(log.list).as(what).noneMatch(e -> e.getLevel() == Level.ERROR)
                    .noneMatch(e -> e.getFormattedMessage().contains("secret"));
        } finally {
            root.detachAppender(log);
        }
    }

    @Test
    void oversizedIncomingStanzaIsBouncedAndTheStreamStaysUp() throws Exception {
        connect(b -> b.maxStanzaBytes(1000)).start();
        FakeComponentServer.Peer peer = server.acceptHandshake("s1", SECRET);
        await().atMost(TIMEOUT).until(() -> states.contains(new ComponentState.Online("s1")));

        peer.send("<message from='alice@localhost/pc' to='bob@msn.localhost' id='big'><body>" + "x".repeat(2000)
                + "</body></message>" + StreamFramingDecoderTest.NEXT);

        await().atMost(TIMEOUT).until(() -> bounces(peer).size() == 1 && received.size() == 1);
        assertThat(bounces(peer).get(0)).startsWith("<message").contains("id='big'").contains("to='alice@localhost/pc'")
                .contains("from='bob@msn.localhost'").contains("<policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>");
        assertThat(received.get(0).getStanzaId()).isEqualTo("next");
        assertStreamNeverLeftOnline(peer);
    }

    @Test
    void deeplyNestedPresenceIsBouncedAndTheNextStanzaArrives() throws Exception {
        FakeComponentServer.Peer peer = connectOnline();

        peer.send("<presence from='alice@localhost/pc' to='msn.localhost' id='deep'>" + "<x>".repeat(10_000)
                + "</x>".repeat(10_000) + "</presence>" + StreamFramingDecoderTest.NEXT);

        await().atMost(TIMEOUT).until(() -> bounces(peer).size() == 1 && received.size() == 1);
        assertThat(bounces(peer).get(0)).startsWith("<presence").contains("id='deep'").contains("from='msn.localhost'")
                .contains("<not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>");
        assertThat(received.get(0).getStanzaId()).isEqualTo("next");
        assertStreamNeverLeftOnline(peer);
    }

    @Test
    void aParserThatOverflowsTheStackOnTheIoThreadCostsOnlyThatStanza() throws Exception {
        // As in the transport: listeners, and so parsing, run on the I/O thread.
        connection = ComponentConnection.builder(config(b -> { }))
                .eventExecutor(Runnable::run)
                .parser(xml -> {
                    if (xml.contains("id='boom'")) {
                        throw new StackOverflowError();
                    }
                    return StanzaCodec.parse(xml);
                })
                .onStanza(received::add)
                .onStateChange(states::add)
                .build();
        connection.start();
        FakeComponentServer.Peer peer = server.acceptHandshake("s1", SECRET);
        await().atMost(TIMEOUT).until(() -> states.contains(new ComponentState.Online("s1")));

        peer.send("<iq from='alice@localhost/pc' to='msn.localhost' id='boom' type='get'><query xmlns='jabber:iq:version'/></iq>");
        peer.send(StreamFramingDecoderTest.NEXT);

        await().atMost(TIMEOUT).until(() -> bounces(peer).size() == 1 && received.size() == 1);
        assertThat(bounces(peer).get(0)).startsWith("<iq").contains("id='boom'").contains("to='alice@localhost/pc'")
                .contains("<bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>");
        assertThat(received.get(0).getStanzaId()).isEqualTo("next");
        assertStreamNeverLeftOnline(peer);
    }

    @Test
    void aMalformedAddressIsAnsweredWithJidMalformedFromTheComponentDomain() throws Exception {
        FakeComponentServer.Peer peer = connectOnline();

        peer.send("<message from='alice@localhost/pc' to='bob@msn.localhost/" + "r".repeat(2000)
                + "' id='long'><body>hi</body></message>");

        await().atMost(TIMEOUT).until(() -> bounces(peer).size() == 1);
        assertThat(bounces(peer).get(0)).contains("id='long'").contains("from='msn.localhost'")
                .contains("<jid-malformed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>");
        assertThat(received).isEmpty();
    }

    @Test
    void errorsAndStanzasWithoutASenderAreNeverAnswered() throws Exception {
        FakeComponentServer.Peer peer = connectOnline();
        String deep = "<x>".repeat(200) + "</x>".repeat(200);

        peer.send("<message from='alice@localhost/pc' to='bob@msn.localhost' id='e1' type='error'>" + deep + "</message>");
        peer.send("<message to='bob@msn.localhost' id='e2'>" + deep + "</message>");
        peer.send("<iq from='alice@localhost/pc' to='msn.localhost' id='e3' type='result'>" + deep + "</iq>");
        peer.send("<message from='alice@localhost/pc' to='bob@msn.localhost' id='marker'>" + deep + "</message>");

        // Replies go out in order on one stream: once the marker's is in, any earlier one would be too.
        await().atMost(TIMEOUT).until(() -> bounces(peer).stream().anyMatch(b -> b.contains("id='marker'")));
        assertThat(bounces(peer)).hasSize(1);
        assertThat(received).isEmpty();
    }

    @Test
    void idleConnectionGetsAWhitespaceKeepalive() throws Exception {
        connect(b -> b.keepaliveInterval(Duration.ofSeconds(1))).start();
        FakeComponentServer.Peer peer = server.acceptHandshake("s1", SECRET);
        await().atMost(TIMEOUT).until(() -> states.contains(new ComponentState.Online("s1")));

        await().atMost(Duration.ofSeconds(4)).until(() -> peer.received().endsWith("</handshake> "));
    }

    @Test
    void stopClosesTheStreamAndReleasesOwnedThreads() throws Exception {
        FakeComponentServer.Peer peer = connectOnline();

        connection.stop().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        peer.awaitReceived("</stream:stream>");
        await().atMost(TIMEOUT).until(peer::isClosedByComponent);
        assertThat(states).last().isEqualTo(new ComponentState.Stopped(false, "stopped on request"));
        await().atMost(TIMEOUT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("xmpp-component-") && t.isAlive()));
    }

    @Test
    void stopBeforeOnlineFailsTheStartFuture() throws Exception {
        CompletableFuture<Void> started = connect(b -> { }).start().toCompletableFuture();
        server.nextConnection();

        connection.stop();

        assertThatThrownBy(() -> started.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .cause().isInstanceOfSatisfying(ComponentConnectionException.class,
                        e -> assertThat(e.isFatal()).isFalse());
    }

    @Test
    void aConnectorInUseIsRejected() {
        org.apache.mina.transport.socket.nio.NioSocketConnector used = new org.apache.mina.transport.socket.nio.NioSocketConnector();
        try {
            used.setHandler(new org.apache.mina.core.service.IoHandlerAdapter());
            assertThatThrownBy(() -> ComponentConnection.builder(config(b -> { })).connector(used).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dedicated");
        } finally {
            used.dispose();
        }
    }

    // ---- helpers ----

    private ComponentConfig config(Consumer<ComponentConfig.Builder> customizer) {
        ComponentConfig.Builder builder = ComponentConfig.builder("msn.localhost", SECRET)
                .host("127.0.0.1")
                .port(server.port())
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .connectTimeout(Duration.ofSeconds(3));
        customizer.accept(builder);
        return builder.build();
    }

    private ComponentConnection connect(Consumer<ComponentConfig.Builder> customizer) {
        connection = ComponentConnection.builder(config(customizer))
                .onStanza(stanza -> {
                    listenerThreads.add(Thread.currentThread().getName());
                    received.add(stanza);
                })
                .onStateChange(states::add)
                .build();
        return connection;
    }

    private FakeComponentServer.Peer connectOnline() throws Exception {
        CompletableFuture<Void> started = connect(b -> { }).start().toCompletableFuture();
        FakeComponentServer.Peer peer = server.acceptHandshake("s1", SECRET);
        started.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return peer;
    }

    private List<Long> reconnectDelays() {
        return states.stream().filter(ComponentState.Reconnecting.class::isInstance)
                .map(s -> ((ComponentState.Reconnecting) s).delay().toMillis()).toList();
    }

    private static Message message(String to, String body) throws org.jxmpp.stringprep.XmppStringprepException {
        return StanzaBuilder.buildMessage("out1").to(to).from("bob@msn.localhost").setBody(body).build();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The error stanzas the component sent to the peer, in order. */
    private static List<String> bounces(FakeComponentServer.Peer peer) {
        return Pattern.compile("<(message|presence|iq) [^>]*type='error'.*?</\\1>").matcher(peer.received()).results()
                .map(MatchResult::group).toList();
    }

    private void assertStreamNeverLeftOnline(FakeComponentServer.Peer peer) {
        assertThat(server.connectionCount()).isEqualTo(1);
        assertThat(peer.isClosedByComponent()).isFalse();
        assertThat(states).noneMatch(ComponentState.Reconnecting.class::isInstance);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
