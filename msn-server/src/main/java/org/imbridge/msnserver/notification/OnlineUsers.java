package org.imbridge.msnserver.notification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.imbridge.msnserver.account.AccountDirectory;

/** Who is logged in to the notification server: at most one connection per handle. Lock held. */
public final class OnlineUsers {

    private final Map<String, NotificationConnection> byHandle = new HashMap<>();

    /** The logged-in connection of {@code handle} (any case), or {@code null}. */
    public NotificationConnection get(String handle) {
        return byHandle.get(AccountDirectory.normalize(handle));
    }

    /** Registers {@code connection}; returns the one it replaces, or {@code null}. */
    NotificationConnection put(String handle, NotificationConnection connection) {
        return byHandle.put(AccountDirectory.normalize(handle), connection);
    }

    /** Unregisters {@code connection} if it is still the one registered for {@code handle}. */
    boolean remove(String handle, NotificationConnection connection) {
        return byHandle.remove(AccountDirectory.normalize(handle), connection);
    }

    public List<NotificationConnection> all() {
        return new ArrayList<>(byHandle.values());
    }
}
