package org.imbridge.xmpp.gateway;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.imbridge.core.network.LegacyCredentials;
import org.imbridge.core.network.LegacyNetwork;
import org.imbridge.core.network.LegacySession;
import org.imbridge.core.network.LoginFailure;
import org.imbridge.core.network.SessionListener;

/** A legacy network for handler unit tests: accounts with passwords, no sessions. */
public final class FakeNetwork implements LegacyNetwork {

    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    public FakeNetwork withAccount(String account, String password) {
        passwords.put(account, password);
        return this;
    }

    @Override
    public String id() {
        return "msn";
    }

    @Override
    public String name() {
        return "MSN Messenger";
    }

    @Override
    public String gatewayType() {
        return "msn";
    }

    @Override
    public boolean isValidAccount(String account) {
        return account.matches("[^@\\s%]+@[^@\\s%]+\\.[a-z]+");
    }

    @Override
    public String addressPrompt() {
        return "MSN account (e-mail address)";
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
        throw new UnsupportedOperationException("no sessions in handler tests");
    }

    @Override
    public void close() {
    }
}
