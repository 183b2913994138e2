package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.mina.core.filterchain.IoFilterChain;
import org.awaitility.Awaitility;
import org.imbridge.msn.protocol.MsnStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The logging context of the code that logs in is on the session's log lines written on the
 * client's I/O and timer threads, through a referral, and nowhere else.
 */
class LogContextLoginTest extends ClientTestSupport {

    private static final String USER = "alice@jabber.example";

    private CapturedLogs logs;

    @BeforeEach
    void capture() {
        logs = CapturedLogs.of("org.imbridge.msn.client");
    }

    @AfterEach
    void release() {
        logs.close();
        MDC.clear();
    }

    @Test
    void linesAboutTheSessionOnTheClientsThreadsCarryTheCallersMdc() throws Exception {
        client(testConfig().pingInterval(Duration.ofMillis(200)).build());
        try (FakeMsnServer notification = FakeMsnServer.start()) {
            MDC.put("user", USER);
            CompletableFuture<NotificationSession> login = startLogin();
            FakePeer ns = seedLoginVia(notification);
            serveLists(ns, "bob@hotmail.com");
            NotificationSession session = await(login);

            CompletableFuture<Void> online = session.changeStatus(MsnStatus.NLN).toCompletableFuture();
            ns.send("CHG " + ns.expect("CHG").trId() + " NLN");
            await(online);
            assertThat(MDC.get("user")).as("writing on the caller's thread leaves its MDC alone").isEqualTo(USER);
            MDC.clear();

            ns.send("NLN NLN bob@hotmail.com Bob");
            events.await(RecordingListener.Presence.class);
            ns.expect("PNG");
            ns.send("QNG 50");

            String ds = "login[" + ALICE + "@" + server.hostPort() + "]";
            String nsName = "NS[" + ALICE + "@" + notification.hostPort() + "]";
            Awaitility.await().atMost(FakePeer.WAIT).untilAsserted(() -> {
                assertThat(linesOn("ShortReadNioProcessor", ds + " << VER")).isNotEmpty();
                assertThat(linesOn("ShortReadNioProcessor", "login[" + ALICE + "@" + notification.hostPort() + "] << USR"))
                        .as("after the referral").isNotEmpty();
                assertThat(linesOn("ShortReadNioProcessor", nsName + " << NLN")).isNotEmpty();
                assertThat(linesOn("ShortReadNioProcessor", nsName + " << QNG")).isNotEmpty();
                assertThat(linesOn("msn-client-timer", nsName + " >> PNG")).isNotEmpty();
            });
            List<CapturedLogs.Line> clientThreads = logs.lines().stream()
                    .filter(l -> l.thread().contains("NioProcessor") || l.thread().startsWith("msn-client"))
                    .toList();
            assertThat(clientThreads).isNotEmpty().allSatisfy(l -> assertThat(l.user()).as(l.toString()).isEqualTo(USER));

            IoFilterChain chain = ((NotificationConnection) session).session().getFilterChain();
            assertThat(chain.getAll()).extracting(IoFilterChain.Entry::getName)
                    .startsWith(LogContextFilter.NAME, "msnp");
        }
    }

    @Test
    void aLoginWithoutMdcGetsNoFilterAndItsLinesNoKeys() throws Exception {
        MDC.clear();
        LoggedIn in = loggedIn("bob@hotmail.com");
        in.ns().send("NLN NLN bob@hotmail.com Bob");
        events.await(RecordingListener.Presence.class);

        IoFilterChain chain = ((NotificationConnection) in.session()).session().getFilterChain();
        assertThat(chain.getAll()).extracting(IoFilterChain.Entry::getName).containsExactly("msnp");
        assertThat(linesOn("ShortReadNioProcessor", "<< NLN")).isNotEmpty()
                .allSatisfy(l -> assertThat(l.mdc()).isEmpty());
    }

    private List<CapturedLogs.Line> linesOn(String threadPrefix, String text) {
        return logs.lines().stream()
                .filter(l -> l.thread().startsWith(threadPrefix) && l.message().contains(text))
                .toList();
    }
}
