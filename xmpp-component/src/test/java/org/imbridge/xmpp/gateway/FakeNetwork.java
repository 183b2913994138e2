package org.imbridge.xmpp.gateway;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.imbridge.core.network.LegacyCredentials;
import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.network.LegacySession;
import org.imbridge.core.network.LoginFailure;
import org.imbridge.core.network.NetworkProfile;
import org.imbridge.core.network.SessionListener;

/**
 * A legacy network for handler unit tests: accounts with passwords, no sessions unless
 * {@link #withSessions()} (then {@link FakeSession}s). It is not MSN, so
 * tests see that the gateway's texts come from the network's profile.
 */
public final class FakeNetwork implements LegacyNetwork {

    /** The network's id, under which registrations are stored. */
    public static final String ID = "fakenet";
    public static final NetworkProfile PROFILE =
            new NetworkProfile(ID, "FakeNet Chat", "FakeNet", "fakenet", "member address", "someone@fakenet.example");

    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, FakeSession> sessions = new ConcurrentHashMap<>();
    private volatile boolean withSessions;
    private volatile CompletionStage<Void> logins = CompletableFuture.completedFuture(null);

    /** Lets users log in: each gets a {@link FakeSession}, which logs in at once. */
    public FakeNetwork withSessions() {
        withSessions = true;
        return this;
    }

    /** Sessions opened from now on complete their login when {@code loggedIn} does. */
    public FakeNetwork holdLogins(CompletionStage<Void> loggedIn) {
        logins = loggedIn;
        return this;
    }

    /** The latest session opened for {@code account}. */
    public java.util.Optional<FakeSession> session(String account) {
        return java.util.Optional.ofNullable(sessions.get(account));
    }

    public FakeNetwork withAccount(String account, String password) {
        passwords.put(account, password);
        return this;
    }

    @Override
    public NetworkProfile profile() {
        return PROFILE;
    }

    @Override
    public boolean isValidAccount(String account) {
        return account.matches("[^@\\s%]+@[^@\\s%]+\\.[a-z]+");
    }

    @Override
    public CompletionStage<Void> verifyCredentials(LegacyCredentials credentials) {
        String expected = passwords.get(credentials.account().value());
        if (expected == null) {
            return CompletableFuture.failedFuture(new LoginFailure(LoginFailure.Kind.UNREACHABLE, "no such server"));
        }
        if (!expected.equals(credentials.password())) {
            return CompletableFuture.failedFuture(new LoginFailure(LoginFailure.Kind.BAD_CREDENTIALS, "wrong password"));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public LegacySession openSession(LegacyCredentials credentials, SessionListener listener) {
        if (!withSessions) {
            throw new UnsupportedOperationException("no sessions in handler tests");
        }
        FakeSession session = new FakeSession(listener, logins);
        sessions.put(credentials.account().value(), session);
        return session;
    }

    @Override
    public void close() {
    }
}
