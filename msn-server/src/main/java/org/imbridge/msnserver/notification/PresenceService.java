package org.imbridge.msnserver.notification;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.imbridge.msn.protocol.ListType;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpNames;
import org.imbridge.msnserver.account.Account;
import org.imbridge.msnserver.account.AccountDirectory;
import org.imbridge.msnserver.account.ListEntry;
import org.imbridge.msnserver.account.ListOperationException;
import org.imbridge.msnserver.account.PrivacyMode;

/**
 * Who sees whom, and the NLN / FLN / ILN lines that follow from it (docs/msnp.md §4.4).
 *
 * <p>X is visible to W iff X is logged in with a status other than HDN and FLN, W is not on X's BL,
 * and X's BLP is AL or W is on X's AL. Watchers of X are the logged-in users with X on their FL (X's
 * RL) who have sent their first CHG. Every change that can alter what watchers see runs through
 * {@link #publish}, which compares before and after: newly visible or changed ⇒ {@code NLN}, no
 * longer visible ⇒ {@code FLN}. Called with the network lock held.
 */
public final class PresenceService {

    private final AccountDirectory directory;
    private final OnlineUsers online;

    public PresenceService(AccountDirectory directory, OnlineUsers online) {
        this.directory = directory;
        this.online = online;
    }

    /** The status others would be told if visible; FLN when not logged in. */
    public MsnStatus statusOf(String handle) {
        NotificationConnection c = online.get(handle);
        return c == null ? MsnStatus.FLN : c.status();
    }

    /** True when {@code x} is visible to the user {@code watcher} (docs/msnp.md §4.4). */
    public boolean visibleTo(Account x, String watcher) {
        if (!statusOf(x.handle()).isVisible()) {
            return false;
        }
        if (x.isOnList(ListType.BL, watcher)) {
            return false;
        }
        return x.privacy() == PrivacyMode.AL || x.isOnList(ListType.AL, watcher);
    }

    /** True when {@code callee} refuses to be contacted by {@code caller} (BL, or BLP BL without AL). */
    public boolean blocks(Account callee, String caller) {
        return callee.isOnList(ListType.BL, caller)
                || callee.privacy() == PrivacyMode.BL && !callee.isOnList(ListType.AL, caller);
    }

    private record Seen(MsnStatus status, String nick) {
    }

    /** A change that the list rules may refuse. */
    @FunctionalInterface
    public interface Change<T> {
        T apply() throws ListOperationException;
    }

    /** Runs {@code change} (anything that may alter how {@code x} appears) and tells x's watchers. */
    public void publish(Account x, Runnable change) {
        try {
            publishRefusable(x, () -> {
                change.run();
                return null;
            });
        } catch (ListOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code change} and tells x's watchers what it changed; when the change is refused nothing
     * is sent and the refusal is rethrown.
     */
    public <T> T publishRefusable(Account x, Change<T> change) throws ListOperationException {
        Set<String> watchers = new LinkedHashSet<>(directory.watchersOf(x).keySet());
        Map<String, Seen> before = new HashMap<>();
        for (String w : watchers) {
            if (receivesPresence(w) && visibleTo(x, w)) {
                before.put(w, new Seen(statusOf(x.handle()), x.nick()));
            }
        }
        T result = change.apply();
        watchers.addAll(directory.watchersOf(x).keySet());
        MsnStatus status = statusOf(x.handle());
        String nick = x.nick();
        for (String w : watchers) {
            if (!receivesPresence(w)) {
                continue;
            }
            NotificationConnection to = online.get(w);
            Seen seen = before.get(w);
            if (visibleTo(x, w)) {
                if (seen == null || seen.status() != status || !seen.nick().equals(nick)) {
                    to.send(MsnpCommand.of("NLN", status, x.handle(), MsnpNames.encode(nick)));
                }
            } else if (seen != null) {
                to.send(MsnpCommand.of("FLN", x.handle()));
            }
        }
        return result;
    }

    private boolean receivesPresence(String handle) {
        NotificationConnection c = online.get(handle);
        return c != null && c.presenceStarted();
    }

    /** The ILN burst after the first CHG: one line per visible FL contact, with the CHG's TrID. */
    public void sendInitialPresence(NotificationConnection to, String trId) {
        for (ListEntry e : to.account().list(ListType.FL)) {
            Account contact = directory.find(e.handle());
            if (contact != null) {
                sendIln(to, contact, trId);
            }
        }
    }

    /** {@code ILN trId status handle friendly} when {@code contact} is visible to the receiver. */
    public void sendIln(NotificationConnection to, Account contact, String trId) {
        if (visibleTo(contact, to.account().handle())) {
            to.send(MsnpCommand.of("ILN", trId, statusOf(contact.handle()), contact.handle(),
                    MsnpNames.encode(contact.nick())));
        }
    }
}
