package org.imbridge.app.launcher;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.imbridge.app.config.TransportConfig;
import org.imbridge.xmpp.gateway.register.UserAllowlist;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The parts of the configuration a running transport follows: the registration allowlist, the
 * admins, the limits and the log level. {@link #apply} swaps them all at once (readers see either
 * the old or the new set, never a mix) and reports what changed, including changes that only a
 * restart applies.
 */
public final class LiveConfig {

    /** What the transport was started with: restart-only keys are compared with it, not with the last file. */
    private final TransportConfig running;
    private volatile Snapshot current;

    public LiveConfig(TransportConfig initial) {
        this.running = initial;
        this.current = new Snapshot(initial);
    }

    /** The allowlist now in force. */
    public UserAllowlist allowlist() {
        return current.allowlist;
    }

    /** The admins' bare JIDs (normalized) now in force. */
    public Set<String> admins() {
        return current.admins;
    }

    /** The limits now in force. */
    public TransportConfig.Limits limits() {
        return current.config.limits();
    }

    public TransportConfig config() {
        return current.config;
    }

    /**
     * Takes a new, already validated config.
     *
     * @return one line per change: what now applies, what differs from what runs and needs a restart, and
     *         what is back to what runs
     */
    public synchronized List<String> apply(TransportConfig next) {
        Snapshot before = current;
        TransportConfig old = before.config;
        List<String> changes = new ArrayList<>();
        if (!old.registration().equals(next.registration())) {
            changes.add("registration.allow is now " + next.registration().allow());
        }
        if (!old.admins().equals(next.admins())) {
            changes.add("admins are now " + next.admins());
        }
        if (!old.limits().equals(next.limits())) {
            changes.add("limits are now " + next.limits().maxUsers() + " users, " + next.limits().maxMessageBytes()
                    + " bytes per message, " + next.limits().messagesPerMinute() + " messages per minute");
        }
        if (!Objects.equals(old.logging().level(), next.logging().level())) {
            changes.add("logging.level is now " + next.logging().level());
        }
        if (!Objects.equals(old.logging().repeatsPerMinute(), next.logging().repeatsPerMinute())) {
            changes.add("logging.repeats-per-minute is now " + next.logging().repeatsPerMinute());
        }
        restartOnly(changes, "component", running.component(), old.component(), next.component());
        restartOnly(changes, "msn", running.msn(), old.msn(), next.msn());
        restartOnly(changes, "storage", running.storage(), old.storage(), next.storage());
        restartOnly(changes, "logging.file", running.logging().file(), old.logging().file(), next.logging().file());
        restartOnly(changes, "metrics", running.metrics(), old.metrics(), next.metrics());
        restartOnly(changes, "instance", running.instance(), old.instance(), next.instance());
        current = new Snapshot(next);
        return changes;
    }

    private static void restartOnly(List<String> changes, String key, Object running, Object old, Object next) {
        if (!Objects.equals(running, next)) {
            changes.add(key + " changed: takes effect after a restart");
        } else if (!Objects.equals(old, next)) {
            changes.add(key + " is back to what runs");
        }
    }

    /** One consistent set of derived values. */
    private static final class Snapshot {
        final TransportConfig config;
        final UserAllowlist allowlist;
        final Set<String> admins;

        Snapshot(TransportConfig config) {
            this.config = config;
            this.allowlist = new UserAllowlist(config.registration().allow());
            Set<String> normalized = new LinkedHashSet<>();
            for (String admin : config.admins()) {
                normalized.add(JidCreate.entityBareFromOrThrowUnchecked(admin).toString());
            }
            this.admins = Set.copyOf(normalized);
        }
    }
}
