package org.imbridge.msnserver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imbridge.msnserver.it.LiveNetwork.await;
import static org.imbridge.msnserver.it.LiveNetwork.eventually;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.imbridge.msn.client.MsnClient;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msnserver.it.ConversationEvents.Message;
import org.imbridge.msnserver.it.LiveNetwork.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * The client's log lines about a session carry the logging context (MDC) of the code that logged
 * it in, also when written on the client's I/O and timer threads: through the dispatch server's
 * referral, on the notification connection, on outgoing and RNG-answered switchboards. Sessions
 * logged in side by side on one I/O thread never get each other's context, and one logged in
 * without a context gets none, so the I/O thread's MDC is clean between events.
 */
class LogContextIntegrationTest {

    private static final String ALICE = "alice@hotmail.com";
    private static final String BOB = "bob@hotmail.com";
    private static final String CAROL = "carol@hotmail.com";
    private static final String ALICE_JID = "alice@jabber.example";
    private static final String BOB_JID = "bob@jabber.example";
    /** Whose session a client line is about: {@code login[handle@server]}, {@code NS[…]}, {@code SB[handle#id@server]}. */
    private static final Pattern ABOUT = Pattern.compile("^(?:login|NS|SB)\\[([^@#\\]]+@[^@#\\]]+)[@#]");

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final List<Logger> loggers = new ArrayList<>();
    private final Map<Logger, Level> levels = new HashMap<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent e) {
            // The MDC is read here, on the thread that writes the line.
            lines.add(new Line(e.getThreadName(), e.getFormattedMessage(), Map.copyOf(e.getMDCPropertyMap())));
        }
    };
    private LiveNetwork net;

    private record Line(String thread, String message, Map<String, String> mdc) {
        String about() {
            Matcher m = ABOUT.matcher(message);
            return m.find() ? m.group(1) : null;
        }

        boolean onClientThread() {
            return thread.contains("NioProcessor") || thread.startsWith("msn-client-");
        }
    }

    @BeforeEach
    void start() throws IOException {
        net = LiveNetwork.start();
        Logger client = (Logger) LoggerFactory.getLogger("org.imbridge.msn.client");
        appender.setContext(client.getLoggerContext());
        appender.start();
        for (String name : List.of("org.imbridge.msn.client", "org.imbridge.msn.plugin")) {
            Logger l = (Logger) LoggerFactory.getLogger(name);
            loggers.add(l);
            levels.put(l, l.getLevel());
            l.addAppender(appender);
            l.setLevel(Level.DEBUG);
            l.setAdditive(false);
        }
    }

    @AfterEach
    void stop() {
        MDC.clear();
        net.close();
        for (Logger l : loggers) {
            l.detachAppender(appender);
            l.setLevel(levels.get(l));
            l.setAdditive(true);
        }
        appender.stop();
    }

    @Test
    void everyLineAboutASessionCarriesTheContextItWasLoggedInWith() {
        // One I/O processor: all sessions' events take turns on the same thread.
        MsnClient client = net.newClient(LiveNetwork.clientConfig().ioProcessors(1)
                .pingInterval(Duration.ofMillis(300)).build());
        NotificationEvents aliceEvents = new NotificationEvents();
        NotificationEvents bobEvents = new NotificationEvents();
        NotificationEvents carolEvents = new NotificationEvents();
        CompletionStage<NotificationSession> aliceLogin = as(ALICE_JID,
                () -> client.login(ALICE, net.passwordOf(ALICE), net.dispatch(), aliceEvents));
        CompletionStage<NotificationSession> bobLogin = as(BOB_JID,
                () -> client.login(BOB, net.passwordOf(BOB), net.dispatch(), bobEvents));
        CompletionStage<NotificationSession> carolLogin = as(null,
                () -> client.login(CAROL, net.passwordOf(CAROL), net.dispatch(), carolEvents));
        User alice = new User(ALICE, await(aliceLogin), aliceEvents);
        User bob = new User(BOB, await(bobLogin), bobEvents);
        User carol = new User(CAROL, await(carolLogin), carolEvents);

        as(ALICE_JID, () -> await(alice.session().changeStatus(MsnStatus.NLN)));
        as(BOB_JID, () -> await(bob.session().changeStatus(MsnStatus.NLN)));
        as(null, () -> await(carol.session().changeStatus(MsnStatus.NLN)));

        Chat aliceAndBob = as(ALICE_JID, () -> Chat.open(alice, bob));
        as(ALICE_JID, () -> await(aliceAndBob.caller().sendText("hi bob", AckMode.A)));
        assertThat(aliceAndBob.calleeEvents().next(Message.class).text()).isEqualTo("hi bob");
        as(BOB_JID, () -> await(aliceAndBob.callee().sendText("hi alice", AckMode.A)));
        assertThat(aliceAndBob.callerEvents().next(Message.class).text()).isEqualTo("hi alice");

        Chat carolAndAlice = as(null, () -> Chat.open(carol, alice));
        as(null, () -> await(carolAndAlice.caller().sendText("hi from carol", AckMode.A)));
        assertThat(carolAndAlice.calleeEvents().next(Message.class).text()).isEqualTo("hi from carol");
        MDC.put("user", ALICE_JID);
        await(carolAndAlice.callee().sendText("hi carol", AckMode.A));
        assertThat(MDC.get("user")).as("the caller's own MDC survives the client's writes").isEqualTo(ALICE_JID);
        MDC.clear();
        assertThat(carolAndAlice.callerEvents().next(Message.class).text()).isEqualTo("hi carol");

        String ds = "@" + net.server.dispatchAddress().getHostString() + ":" + net.server.dispatchAddress().getPort() + "]";
        eventually().untilAsserted(() -> {
            assertThat(clientLines(ALICE, "login[" + ALICE + ds + " << XFR")).as("the dispatch connection").isNotEmpty();
            assertThat(clientLines(ALICE, "NS[" + ALICE + "@")).as("alice's notification connection").isNotEmpty();
            assertThat(clientLines(ALICE, "SB[" + ALICE + "#", "<< MSG")).as("alice's switchboards").hasSizeGreaterThanOrEqualTo(2);
            assertThat(clientLines(BOB, "SB[" + BOB + "#", "<< MSG")).as("bob's RNG-answered switchboard").isNotEmpty();
            assertThat(clientLines(CAROL, "SB[" + CAROL + "#", "<< MSG")).as("carol's switchboard").isNotEmpty();
            assertThat(timerLines(ALICE, ">> PNG")).isNotEmpty();
            assertThat(timerLines(BOB, ">> PNG")).isNotEmpty();
        });

        Map<String, String> expected = new HashMap<>();
        expected.put(ALICE, ALICE_JID);
        expected.put(BOB, BOB_JID);
        expected.put(CAROL, null);
        List<Line> about = lines.stream().filter(l -> l.about() != null).toList();
        assertThat(about).allSatisfy(l -> assertThat(l.mdc().get("user"))
                .as("%s on %s", l.message(), l.thread()).isEqualTo(expected.get(l.about())));
        assertThat(about).filteredOn(l -> CAROL.equals(l.about())).allSatisfy(l -> assertThat(l.mdc()).isEmpty());

        Set<String> ioThreads = about.stream().filter(l -> l.thread().contains("NioProcessor"))
                .map(Line::thread).collect(Collectors.toSet());
        assertThat(ioThreads).as("one I/O thread carried all three sessions").hasSize(1);
    }

    private List<Line> clientLines(String handle, String... parts) {
        return lines.stream()
                .filter(l -> l.thread().contains("NioProcessor") && handle.equals(l.about()))
                .filter(l -> List.of(parts).stream().allMatch(l.message()::contains))
                .toList();
    }

    private List<Line> timerLines(String handle, String part) {
        return lines.stream()
                .filter(l -> l.thread().startsWith("msn-client-timer") && handle.equals(l.about())
                        && l.message().contains(part))
                .toList();
    }

    /** Runs {@code action} on this thread with {@code user} (or nothing) as the MDC. */
    private static <T> T as(String user, Supplier<T> action) {
        MDC.clear();
        if (user != null) {
            MDC.put("user", user);
        }
        try {
            return action.get();
        } finally {
            MDC.clear();
        }
    }

    private static void as(String user, Runnable action) {
        as(user, () -> {
            action.run();
            return null;
        });
    }
}
