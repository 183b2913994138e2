package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.imbridge.app.launcher.LogSetup;
import org.imbridge.app.launcher.logging.RepeatedLogFilter;
import org.imbridge.prosody.PrivateProsody;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * A flood of refused stanzas through Prosody into the running transport, with the repeated-line
 * filter as {@code imbridge run} installs it: every stanza still gets its error back, the log gets the
 * first few refusals and one line with the count of the rest.
 */
class LogFloodEndToEndTest {

    private static final int MAX_STANZA_BYTES = 4 * 1024;
    private static final int FLOOD = 500;
    private static final int REPEATS = 5;
    private static final String REFUSED = "refused a <{}> id={} from {}: {}; {}";

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private RepeatedLogFilter filter;
    private BridgeHarness bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        root.detachAppender(lines);
        if (filter != null) {
            context.getTurboFilterList().remove(filter);
            filter.stop();
        }
    }

    @Test
    void fiveHundredOversizedStanzasAreAllBouncedAndLoggedAsFiveLinesAndOneCount() throws Exception {
        filter = LogSetup.repeatsPerMinute(REPEATS, now::get).orElseThrow();
        lines.setContext(context);
        lines.start();
        root.addAppender(lines);
        bridge = new BridgeHarness(PrivateProsody.builder(), List.of(), List.of("*@localhost"),
                component -> component.maxStanzaBytes(MAX_STANZA_BYTES));
        XMPPTCPConnection mallory = bridge.login("mallory", "xmpp-mallory");
        Set<String> bounced = ConcurrentHashMap.newKeySet();
        mallory.addAsyncStanzaListener(s -> {
            StanzaError error = s.getError();
            if (error != null && error.getCondition() == StanzaError.Condition.policy_violation) {
                bounced.add(s.getStanzaId());
            }
        }, StanzaTypeFilter.MESSAGE);

        for (int i = 0; i < FLOOD; i++) {
            mallory.sendStanza(StanzaBuilder.buildMessage("flood-" + i).ofType(Message.Type.chat)
                    .to(bridge.transportJid).setBody("z".repeat(MAX_STANZA_BYTES + 100)).build());
        }

        await("every stanza bounced").atMost(Duration.ofSeconds(60)).until(() -> bounced.size() == FLOOD);
        assertThat(refusalLines()).as("refusal lines within the minute").hasSize(REPEATS)
                .allMatch(m -> m.contains("larger than " + MAX_STANZA_BYTES + " bytes; answered with policy-violation"));

        now.set(now.get().plus(Duration.ofSeconds(60)));
        filter.flush();

        assertThat(messages()).filteredOn(m -> m.endsWith(": " + REFUSED))
                .containsExactly("… and " + (FLOOD - REPEATS) + " more like this in the last 60 s: " + REFUSED);
        assertThat(refusalLines()).as("no refusal line is logged twice").hasSize(REPEATS);
    }

    private List<String> refusalLines() {
        return messages().stream().filter(m -> m.startsWith("refused a <message> id=flood-")).toList();
    }

    private List<String> messages() {
        synchronized (lines) { // the appender appends under this lock
            return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
