package org.imbridge.msn.plugin;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import org.imbridge.core.model.ChatState;

/**
 * Participants' typing in group conversations as chat states, by the rules of {@link IncomingTyping},
 * per group and participant. A group that ended or that the user left is forgotten, so that no
 * PAUSED follows its end. Thread-safe.
 */
final class GroupTyping {

    /** Reports one participant's state in one group. */
    @FunctionalInterface
    interface Report {
        void state(String groupId, String handle, ChatState state);
    }

    /** Neither a group id nor a handle contains a space (docs/msnp.md §2.3). */
    private static final char SEPARATOR = ' ';

    private final IncomingTyping typing;

    GroupTyping(ScheduledExecutorService scheduler, Duration expiry, Report report) {
        this.typing = new IncomingTyping(scheduler, expiry, (key, state) -> {
            int at = key.indexOf(SEPARATOR);
            report.state(key.substring(0, at), key.substring(at + 1), state);
        });
    }

    void noticeFrom(String groupId, String handle) {
        typing.noticeFrom(key(groupId, handle));
    }

    /** A message (or leaving) ends the participant's typing without a PAUSED. */
    void messageFrom(String groupId, String handle) {
        typing.messageFrom(key(groupId, handle));
    }

    void forget(String groupId) {
        String prefix = groupId + SEPARATOR;
        typing.forgetIf(key -> key.startsWith(prefix));
    }

    void stop() {
        typing.stop();
    }

    private static String key(String groupId, String handle) {
        return groupId + SEPARATOR + handle;
    }
}
