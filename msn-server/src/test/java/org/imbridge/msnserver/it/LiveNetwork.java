package org.imbridge.msnserver.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.imbridge.msn.client.MsnClient;
import org.imbridge.msn.client.MsnClientConfig;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msnserver.MsnServer;
import org.imbridge.msnserver.MsnServerConfig;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.msnserver.account.AccountsFile;
import org.imbridge.msnserver.notification.ChallengePolicy;

/**
 * A real {@link MsnServer} on loopback (free ports) and real {@link MsnClient}s logging in to it
 * through the dispatch server. Short timeouts on both sides; no automatic challenges unless a test
 * asks for them. Close it after each test: clients first (they say OUT), then the server.
 */
final class LiveNetwork implements AutoCloseable {

    /** How long any single expected event may take. */
    static final Duration WAIT = Duration.ofSeconds(5);

    /**
     * alice, bob and carol know each other; friendly and group names need URL-encoding (spaces,
     * {@code %}, {@code &}, Latin accents, Cyrillic, CJK, an emoji outside the BMP). erin is one of
     * alice's contacts; dave knows nobody.
     */
    static final String ACCOUNTS = """
            accounts:
              - email: alice@hotmail.com
                password: alice-secret
                nick: "Alice Müller"
                groups: [Friends, "Collègues & Co", "Семья"]
                inboxUnread: 3
                foldersUnread: 1
                phones: {PHH: "+49 (30) 123 456", MOB: "Y"}
                contacts:
                  - {email: bob@hotmail.com, groups: [Friends, "Семья"]}
                  - {email: carol@hotmail.com, nick: "Carol 100% ☺", groups: ["Collègues & Co"]}
                  - erin@hotmail.com
              - email: bob@hotmail.com
                password: bob-secret
                nick: "Боб Иванов"
                phones: {PHM: "+7 999 123-45-67", PHW: "1 (222) 3333 ext. 5%"}
                contacts: [alice@hotmail.com, carol@hotmail.com]
              - email: carol@hotmail.com
                password: carol-secret
                nick: "キャロル 🌸"
                contacts: [alice@hotmail.com, bob@hotmail.com]
              - email: dave@hotmail.com
                password: dave-secret
                nick: Dave
              - email: erin@hotmail.com
                password: erin-secret
                nick: Erin
                contacts: [alice@hotmail.com]
            """;

    /** One logged-in account as the tests see it. */
    record User(String handle, NotificationSession session, NotificationEvents events) {
    }

    final MsnServer server;
    /** The client most tests use for everybody. */
    final MsnClient client;
    private final Map<String, String> passwords;
    private final List<MsnClient> clients = new ArrayList<>();

    private LiveNetwork(List<AccountSpec> accounts, UnaryOperator<MsnServerConfig.Builder> tweak) throws IOException {
        passwords = accounts.stream().collect(Collectors.toMap(AccountSpec::email, AccountSpec::password));
        server = MsnServer.start(tweak.apply(MsnServerConfig.builder()
                .challenges(ChallengePolicy.manual(Duration.ofSeconds(50)))
                .accounts(accounts)).build());
        client = newClient(clientConfig().build());
    }

    static LiveNetwork start() throws IOException {
        return start(b -> b);
    }

    static LiveNetwork start(UnaryOperator<MsnServerConfig.Builder> tweak) throws IOException {
        return new LiveNetwork(AccountsFile.parse(ACCOUNTS), tweak);
    }

    static LiveNetwork start(List<AccountSpec> accounts) throws IOException {
        return new LiveNetwork(accounts, b -> b);
    }

    /** Client settings for tests: every wait well below {@link #WAIT} times a few. */
    static MsnClientConfig.Builder clientConfig() {
        return MsnClientConfig.builder()
                .connectTimeout(Duration.ofSeconds(5))
                .loginTimeout(Duration.ofSeconds(10))
                .requestTimeout(Duration.ofSeconds(5))
                .ackTimeout(Duration.ofSeconds(5))
                .inviteTimeout(Duration.ofSeconds(5))
                .ioProcessors(2);
    }

    /** Another client (own threads, own connector), closed with the network. */
    MsnClient newClient(MsnClientConfig config) {
        MsnClient c = new MsnClient(config);
        clients.add(c);
        return c;
    }

    InetSocketAddress dispatch() {
        return server.dispatchAddress();
    }

    String passwordOf(String handle) {
        return passwords.get(handle);
    }

    /** Logs {@code handle} in through the dispatch server with the shared client. */
    User login(String handle) {
        return login(client, handle);
    }

    User login(MsnClient via, String handle) {
        NotificationEvents events = new NotificationEvents();
        NotificationSession session = await(via.login(handle, passwordOf(handle), dispatch(), events));
        return new User(handle, session, events);
    }

    /** Logs in and goes NLN; returns once the server has the new status. */
    User online(String handle) {
        return online(client, handle);
    }

    User online(MsnClient via, String handle) {
        User u = login(via, handle);
        await(u.session().changeStatus(MsnStatus.NLN));
        assertThat(server.statusOf(handle)).isEqualTo(MsnStatus.NLN);
        return u;
    }

    // ---- waiting ----

    /** Awaitility, polling fast from the start, giving up after {@link #WAIT}. */
    static ConditionFactory eventually() {
        return Awaitility.await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    /** The stage's value; fails the test after {@link #WAIT} or when the stage failed. */
    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the stage failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the stage did not complete within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The failure of a stage that must fail within {@link #WAIT}. */
    static Throwable failureOf(CompletionStage<?> stage) {
        try {
            Object value = stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException | CompletionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the stage did not fail within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        for (MsnClient c : clients) {
            c.close();
        }
        server.stop();
    }
}
