package org.imbridge.msnserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.imbridge.msn.client.MsnClient;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.client.SwitchboardListener;
import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msnserver.account.AccountSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sanity check under load: 200 accounts log in at once through one {@link MsnClient} (one shared
 * connector) to one server; each opens a switchboard to its partner and sends one message; every
 * message arrives, once, at the right partner.
 */
class LoadIntegrationTest {

    private static final Logger LOG = LoggerFactory.getLogger(LoadIntegrationTest.class);
    private static final int USERS = 200;
    private static final long LIMIT_SECONDS = 15;

    private LiveNetwork net;

    @AfterEach
    void stop() {
        net.close();
    }

    private static String handle(int i) {
        return String.format("user%03d@hotmail.com", i);
    }

    /** Partners are 0-1, 2-3, …: each has the other as a contact. */
    private static int partner(int i) {
        return i ^ 1;
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void twoHundredClientsLogInConcurrentlyAndEveryMessageArrives() throws Exception {
        List<AccountSpec> accounts = IntStream.range(0, USERS)
                .mapToObj(i -> AccountSpec.of(handle(i), "pw-" + i, "User " + i).withContacts(handle(partner(i))))
                .toList();
        net = LiveNetwork.start(accounts);
        MsnClient client = net.client;
        Map<String, String> received = new ConcurrentHashMap<>();
        Map<String, Integer> deliveries = new ConcurrentHashMap<>();
        long started = System.nanoTime();

        List<CompletableFuture<NotificationSession>> logins = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String me = handle(i);
            SwitchboardListener inbox = new SwitchboardListener() {
                @Override
                public void onMessage(String handle, String friendlyName, MimeMessage message) {
                    received.put(me, handle + ": " + message.bodyText());
                    deliveries.merge(me, 1, Integer::sum);
                }
            };
            NotificationEvents events = new NotificationEvents().acceptInvitations(() -> inbox);
            logins.add(client.login(me, "pw-" + i, net.dispatch(), events).toCompletableFuture());
        }
        List<NotificationSession> sessions = all(logins);
        assertThat(sessions).allMatch(NotificationSession::isConnected);
        long loggedIn = System.nanoTime();

        all(sessions.stream().map(s -> s.changeStatus(MsnStatus.NLN).toCompletableFuture()).toList());
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String to = handle(partner(i));
            String text = "hello " + to + ", from " + handle(i) + " ☺";
            sends.add(sessions.get(i).openSwitchboard(SwitchboardListener.IGNORE)
                    .thenCompose(sb -> sb.invite(to).thenCompose(v -> sb.sendText(text, AckMode.A)))
                    .toCompletableFuture());
        }
        all(sends);
        LiveNetwork.eventually().atMost(Duration.ofSeconds(LIMIT_SECONDS)).until(() -> received.size() == USERS);
        long done = System.nanoTime();

        for (int i = 0; i < USERS; i++) {
            String me = handle(i);
            String from = handle(partner(i));
            assertThat(received.get(me)).isEqualTo(from + ": hello " + me + ", from " + from + " ☺");
        }
        assertThat(deliveries.values()).as("each message exactly once").containsOnly(1);
        assertThat(IntStream.range(0, USERS).filter(i -> net.server.isOnline(handle(i))).count()).isEqualTo(USERS);
        LOG.info("{} logins in {} ms; {} switchboards and messages in {} ms more", USERS,
                TimeUnit.NANOSECONDS.toMillis(loggedIn - started), USERS, TimeUnit.NANOSECONDS.toMillis(done - loggedIn));

        client.close();
        LiveNetwork.eventually().atMost(Duration.ofSeconds(LIMIT_SECONDS)).untilAsserted(() -> {
            assertThat(IntStream.range(0, USERS).filter(i -> net.server.isOnline(handle(i))).count())
                    .as("closing the client logs everyone out").isZero();
            assertThat(net.server.switchboardSessionCount()).isZero();
        });
    }

    private static <T> List<T> all(List<CompletableFuture<T>> futures) throws Exception {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(LIMIT_SECONDS, TimeUnit.SECONDS);
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
