package org.imbridge.msnserver.notification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

import org.apache.mina.core.session.IoSession;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msnserver.account.Account;
import org.imbridge.msnserver.login.LoginConnection;

/**
 * A client's connection to the notification server and its state: the login in progress, then the
 * account, the presence status (FLN until the first CHG), and the challenges waiting for a QRY.
 * Accessed with the network lock held.
 */
public final class NotificationConnection extends LoginConnection {

    private final Consumer<NotificationConnection> onClosing;
    private String pendingHandle;
    private String salt;
    private Account account;
    private MsnStatus status = MsnStatus.FLN;
    private boolean presenceStarted;
    private final Map<String, ScheduledFuture<?>> challenges = new LinkedHashMap<>();
    private ScheduledFuture<?> nextChallenge;

    NotificationConnection(IoSession session, Consumer<NotificationConnection> onClosing) {
        super(session);
        this.onClosing = onClosing;
    }

    void loginStarted(String handle, String newSalt) {
        pendingHandle = handle;
        salt = newSalt;
    }

    String pendingHandle() {
        return pendingHandle;
    }

    String salt() {
        return salt;
    }

    void loggedIn(Account loggedIn) {
        account = loggedIn;
        salt = null;
    }

    /** The logged-in account, or {@code null} during login. */
    public Account account() {
        return account;
    }

    /** True after {@code USR OK}. */
    public boolean isLoggedIn() {
        return account != null;
    }

    public MsnStatus status() {
        return status;
    }

    void status(MsnStatus newStatus) {
        status = newStatus;
    }

    /** True after the first CHG: the client gets presence of its contacts from then on. */
    public boolean presenceStarted() {
        return presenceStarted;
    }

    void startPresence() {
        presenceStarted = true;
    }

    Map<String, ScheduledFuture<?>> challenges() {
        return challenges;
    }

    void nextChallenge(ScheduledFuture<?> future) {
        nextChallenge = future;
    }

    @Override
    protected void onClosing() {
        List<ScheduledFuture<?>> timers = new ArrayList<>(challenges.values());
        timers.add(nextChallenge);
        for (ScheduledFuture<?> f : timers) {
            if (f != null) {
                f.cancel(false);
            }
        }
        challenges.clear();
        onClosing.accept(this);
    }

    @Override
    public String toString() {
        return "NS#" + session().getId() + "(" + (account != null ? account.handle() : peer()) + ")";
    }
}
