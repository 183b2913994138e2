package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.imbridge.msn.protocol.MsnpCommand;
import org.junit.jupiter.api.Test;

/**
 * A malicious notification server: floods past every {@link ServerLimits} cap, half-sent frames.
 * Each flood closes the session once as {@link DisconnectReason#FLOODED} with one log line.
 */
class HostileServerTest extends ClientTestSupport {

    private static final String BOB = "bob@hotmail.com";

    private MsnClient clientWith(ServerLimits limits) {
        return client(testConfig().serverLimits(limits).build());
    }

    @Test
    void aChallengeFloodKeepsAtMostTheCapOfAnswersWaitingAndClosesTheSessionWithOneLogLine() throws Exception {
        // the 4 answers must still be waiting when the flood comes, however slow the machine
        client(testConfig().requestTimeout(Duration.ofMinutes(2)).build());
        try (CapturedLogs logs = CapturedLogs.of(NotificationConnection.class.getName())) {
            LoggedIn li = loggedIn();
            for (int i = 0; i < 4; i++) {
                li.ns().send("CHL 0 " + (1557013157198894133L + i));
                li.ns().expect("QRY");
            }
            for (int i = 0; i < 2_000; i++) {
                li.ns().send("CHL 0 " + (1557013157198894133L + i));
            }

            assertThat(events.await(RecordingListener.Disconnected.class).reason()).isEqualTo(DisconnectReason.FLOODED);
            li.ns().awaitClosed();
            List<MsnpCommand> more = li.ns().drain().stream().filter(c -> c.is("QRY")).toList();
            assertThat(more).as("no answer beyond the 4 waiting ones").isEmpty();
            assertThat(logs.lines()).filteredOn(l -> l.message().contains("cap of")).hasSize(1)
                    .allSatisfy(l -> assertThat(l.message()).contains("cap of 4 challenge answers"));
        }
    }

    @Test
    void presencesOfUnlistedHandlesAreNeitherRelayedNorStoredAndAFloodOfThemClosesTheSession() throws Exception {
        clientWith(ServerLimits.DEFAULTS.withMaxUnlistedPresences(500));
        LoggedIn li = loggedIn(BOB);
        NotificationConnection ns = (NotificationConnection) li.session();
        for (int i = 0; i < 400; i++) {
            li.ns().send("NLN NLN stranger" + i + "@hotmail.com Stranger");
        }
        li.ns().send("NLN NLN " + BOB + " Bob");

        assertThat(events.await(RecordingListener.Presence.class).handle()).isEqualTo(BOB);
        assertThat(ns.unlistedPresencesIgnored()).isEqualTo(400);
        assertThat(ns.presencesKept()).isEqualTo(1);
        assertThat(events.all(RecordingListener.Presence.class)).isEmpty();
        assertThat(li.session().isConnected()).isTrue();

        for (int i = 0; i < 50_000; i++) {
            li.ns().send("NLN NLN flood" + i + "@hotmail.com Flood");
        }
        assertThat(events.await(RecordingListener.Disconnected.class).reason()).isEqualTo(DisconnectReason.FLOODED);
        assertThat(events.all(RecordingListener.Presence.class)).isEmpty();
        assertThat(ns.presencesKept()).isEqualTo(1);
    }

    @Test
    void anAuthorizationRequestFloodReachesTheListenerAtMostTheCapTimes() throws Exception {
        clientWith(ServerLimits.DEFAULTS.withMaxAuthorizationRequests(5));
        LoggedIn li = loggedIn();
        for (int i = 0; i < 5_000; i++) {
            li.ns().send("ADD 0 RL " + (2 + i) + " fan" + i + "@hotmail.com Fan");
        }

        assertThat(events.await(RecordingListener.Disconnected.class).reason()).isEqualTo(DisconnectReason.FLOODED);
        assertThat(events.all(RecordingListener.AddedBy.class)).hasSize(5);
        assertThat(li.session().contactList().list(org.imbridge.msn.protocol.ListType.RL)).hasSize(5);
    }

    @Test
    void listEntriesBeyondTheCapCloseTheSession() throws Exception {
        clientWith(ServerLimits.DEFAULTS);
        LoggedIn li = loggedIn();
        for (int i = 0; i <= ContactListState.MAX_ENTRIES; i++) {
            li.ns().send("LST 0 AL 1 " + (i + 1) + " 100000 allowed" + i + "@hotmail.com Allowed");
        }

        assertThat(events.await(RecordingListener.Disconnected.class).reason()).isEqualTo(DisconnectReason.FLOODED);
        assertThat(li.session().contactList().contacts()).hasSize(ContactListState.MAX_ENTRIES);
    }

    @Test
    void aFloodOfListChangesReportsAtMostTheCapOfSnapshots() throws Exception {
        clientWith(ServerLimits.DEFAULTS);
        LoggedIn li = loggedIn();
        for (int i = 0; i < 1_000; i++) {
            li.ns().send("ADD 0 AL " + (2 + i) + " allowed" + i + "@hotmail.com Allowed");
        }

        assertThat(events.await(RecordingListener.Disconnected.class).reason()).isEqualTo(DisconnectReason.FLOODED);
        assertThat(events.all(RecordingListener.ListChanged.class)).hasSize(NotificationConnection.MAX_LIST_CHANGES);
    }

    @Test
    void anInvitationFloodReachesTheListenerAtMostTheCapTimes() throws Exception {
        clientWith(ServerLimits.DEFAULTS.withMaxInvitations(3));
        LoggedIn li = loggedIn();
        for (int i = 0; i < 1_000; i++) {
            li.ns().send("RNG " + (1000 + i) + " " + server.hostPort() + " CKI cookie" + i + " fan" + i + "@hotmail.com Fan");
        }

        assertThat(events.await(RecordingListener.Disconnected.class).reason()).isEqualTo(DisconnectReason.FLOODED);
        assertThat(events.all(RecordingListener.Invited.class)).hasSize(3);
    }

    @Test
    void aHalfSentPayloadClosesTheConnectionWithinTheFrameTimeout() throws Exception {
        clientWith(ServerLimits.DEFAULTS.withFrameTimeout(Duration.ofMillis(400)));
        LoggedIn li = loggedIn();
        long start = System.nanoTime();
        li.ns().sendRaw("MSG Hotmail Hotmail 200\r\nMIME-Version: 1.0\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(events.await(RecordingListener.Disconnected.class).reason()).isEqualTo(DisconnectReason.CONNECTION_LOST);
        li.ns().awaitClosed();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aHalfSentLineClosesTheConnection() throws Exception {
        clientWith(ServerLimits.DEFAULTS.withFrameTimeout(Duration.ofMillis(400)));
        LoggedIn li = loggedIn(BOB);
        li.ns().sendRaw("NLN NLN bob@hot".getBytes(StandardCharsets.UTF_8));

        assertThat(events.await(RecordingListener.Disconnected.class).reason()).isEqualTo(DisconnectReason.CONNECTION_LOST);
        assertThat(events.all(RecordingListener.Presence.class)).isEmpty();
    }

    @Test
    void closeReturnsWithinItsBoundWhileTheServerFloodsAndAnIoThreadIsStuck() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        client(testConfig().ioProcessors(1).build());
        NotificationListener stuck = new NotificationListener() {
            @Override
            public void onContactPresence(String handle, org.imbridge.msn.protocol.MsnStatus status, String name) {
                busy.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS); // an I/O thread busy far longer than close() may take
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        CompletableFuture<NotificationSession> login = client.login(ALICE, PASSWORD, server.address(), stuck)
                .toCompletableFuture();
        FakePeer ns = server.accept();
        serveLogin(ns, "Alice");
        serveLists(ns, BOB);
        await(login);
        byte[] chunk = "NLN NLN bob@hotmail.com Bob\r\n".repeat(2_000).getBytes(StandardCharsets.UTF_8);
        Thread flooder = new Thread(() -> {
            while (ns.sendRawAndWait(chunk)) {
                // until the client stops reading or closes
            }
        }, "test-flooder");
        flooder.setDaemon(true);
        flooder.start();
        try {
            assertThat(busy.await(5, TimeUnit.SECONDS)).as("the I/O thread is stuck in the listener").isTrue();
            long start = System.nanoTime();
            client.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isLessThan(MsnClient.CLOSE_BOUND.plusSeconds(2));
        } finally {
            release.countDown();
        }
    }

    // ---- referrals ----

    private static void online(LoggedIn li) throws Exception {
        CompletionStage<Void> online = li.session().changeStatus(org.imbridge.msn.protocol.MsnStatus.NLN);
        li.ns().send("CHG " + li.ns().expect("CHG").trId() + " NLN");
        await(online);
    }

    @Test
    void anXfrSbToALinkLocalPrivateOrUnconfiguredLoopbackAddressIsRefusedWithoutAConnection() throws Exception {
        clientWith(ServerLimits.DEFAULTS);
        LoggedIn li = loggedIn();
        online(li);
        try (ServerSocketChannel decoy = ServerSocketChannel.open()) {
            decoy.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            decoy.configureBlocking(false);
            String decoyAddress = "127.0.0.2:" + ((InetSocketAddress) decoy.getLocalAddress()).getPort();
            for (String target : List.of("169.254.169.254:80", "10.1.2.3:1863", decoyAddress, "[fe80::1]:1863",
                    "224.0.0.1:1863", "0.0.0.0:1863")) {
                CompletableFuture<SwitchboardSession> open = li.session()
                        .openSwitchboard(new RecordingListener()).toCompletableFuture();
                li.ns().send("XFR " + li.ns().expect("XFR").trId() + " SB " + target + " CKI secretcookie");

                assertThat(failureOf(open)).as(target).isInstanceOf(MsnReferralRefusedException.class)
                        .hasMessageContaining("refused").hasMessageNotContaining("secretcookie");
            }
            assertThat(decoy.accept()).as("the decoy was never connected to").isNull();
            assertThat(li.session().isConnected()).isTrue();
        }
    }

    @Test
    void anAllowListedReferralIsConnectedTo() throws Exception {
        client(testConfig().allowedReferrals(ReferralAllowList.of(List.of("127.0.0.0/29"))).build());
        LoggedIn li = loggedIn();
        online(li);
        try (ServerSocketChannel decoy = ServerSocketChannel.open()) {
            decoy.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            li.session().openSwitchboard(new RecordingListener());
            li.ns().send("XFR " + li.ns().expect("XFR").trId() + " SB 127.0.0.2:"
                    + ((InetSocketAddress) decoy.getLocalAddress()).getPort() + " CKI cookie");

            decoy.configureBlocking(false);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> decoy.accept() != null);
        }
    }

    @Test
    void aLoginReferredToALinkLocalNotificationServerFails() throws Exception {
        client();
        CompletableFuture<NotificationSession> login = startLogin();
        FakePeer ds = server.accept();
        MsnpCommandLines.answer(ds, "VER", "MSNP7 MSNP6 MSNP5 MSNP4 CVR0");
        MsnpCommandLines.answer(ds, "INF", "MD5");
        ds.send("XFR " + ds.expect("USR").trId() + " NS 169.254.169.254:1863 0 " + server.hostPort());

        assertThat(failureOf(login)).isInstanceOf(MsnReferralRefusedException.class);
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void anInvitationToAnAddressOffTheServerIsRefusedWhenAccepted() throws Exception {
        clientWith(ServerLimits.DEFAULTS);
        LoggedIn li = loggedIn();
        li.ns().send("RNG 1 10.9.9.9:1863 CKI cookie carol@hotmail.com Carol");
        SwitchboardInvitation invitation = events.await(RecordingListener.Invited.class).invitation();

        assertThat(failureOf(invitation.accept(new RecordingListener()))).isInstanceOf(MsnReferralRefusedException.class);
    }
}
