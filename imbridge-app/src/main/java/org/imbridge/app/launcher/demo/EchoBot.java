package org.imbridge.app.launcher.demo;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.imbridge.msn.client.MsnClient;
import org.imbridge.msn.client.MsnClientConfig;
import org.imbridge.msn.client.NotificationListener;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.client.SwitchboardInvitation;
import org.imbridge.msn.client.SwitchboardListener;
import org.imbridge.msn.client.SwitchboardSession;
import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msn.protocol.MsnStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's echo contact: an MSN user, logged in with our own MSN client, that joins every
 * conversation it is invited to and answers each message with the same text, after showing that it
 * types for {@code typingTime}.
 *
 * <pre>
 * EchoBot bot = EchoBot.start(dispatch, "echo@hotmail.com", "echo", Duration.ofMillis(1500))
 *         .toCompletableFuture().get(30, TimeUnit.SECONDS);
 * …
 * bot.close();
 * </pre>
 */
public final class EchoBot implements NotificationListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EchoBot.class);

    private final MsnClient client = new MsnClient(MsnClientConfig.defaults());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "echo-bot");
        t.setDaemon(true);
        return t;
    });
    private final Duration typingTime;

    private EchoBot(Duration typingTime) {
        this.typingTime = Objects.requireNonNull(typingTime, "typingTime");
    }

    /**
     * Logs the bot in and sets it online.
     *
     * @param dispatch   the MSN dispatch server
     * @param handle     the bot's account
     * @param password   its password
     * @param typingTime how long it shows that it types before answering
     * @return the bot, once it is online
     */
    public static CompletionStage<EchoBot> start(InetSocketAddress dispatch, String handle, String password,
                                                 Duration typingTime) {
        EchoBot bot = new EchoBot(typingTime);
        return bot.client.login(handle, password, dispatch, bot)
                .thenCompose(session -> session.changeStatus(MsnStatus.NLN).thenApply(v -> bot))
                .whenComplete((b, e) -> {
                    if (e != null) {
                        bot.close();
                    }
                });
    }

    @Override
    public void onInvitation(SwitchboardInvitation invitation) {
        Conversation conversation = new Conversation();
        invitation.accept(conversation).whenComplete((sb, e) -> {
            if (sb != null) {
                conversation.attach(sb);
            } else {
                LOG.warn("echo bot could not join {}'s conversation: {}", invitation.inviter(), e.toString());
            }
        });
    }

    @Override
    public void onDisconnected(org.imbridge.msn.client.DisconnectReason reason) {
        LOG.info("echo bot logged out: {}", reason);
    }

    /** Logs out and stops the bot's threads. */
    @Override
    public void close() {
        timer.shutdownNow();
        client.close();
    }

    /** One switchboard the bot takes part in. */
    private final class Conversation implements SwitchboardListener {

        private volatile SwitchboardSession session;

        @Override
        public void onMessage(String handle, String friendlyName, MimeMessage message) {
            String text = message.bodyText();
            SwitchboardSession sb = session;
            if (sb == null || text == null || text.isEmpty()) {
                return;
            }
            sb.sendTyping();
            timer.schedule(() -> {
                if (sb.isOpen()) {
                    sb.sendText(text, AckMode.N);
                }
            }, typingTime.toMillis(), TimeUnit.MILLISECONDS);
        }

        void attach(SwitchboardSession sb) {
            session = sb;
        }
    }
}
