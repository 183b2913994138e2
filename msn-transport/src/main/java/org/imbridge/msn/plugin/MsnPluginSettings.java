package org.imbridge.msn.plugin;

import java.time.Duration;
import java.util.Objects;

import org.imbridge.msn.plugin.files.FileTransferSettings;

/**
 * Settings of the MSN adapter itself (the MSNP client has its own,
 * {@link org.imbridge.msn.client.MsnClientConfig}). {@link #defaults()} suits production; tests shorten
 * the typing expiry.
 *
 * @param typingExpiry       how long after a contact's last typing notice the contact counts as having
 *                           paused (MSN clients repeat the notice about every 5 s; Gaim waits 6 s, docs/msnp.md §8.2)
 * @param typingRepeat       the shortest time between two typing notices sent for the user (Gaim: 4 s)
 * @param maxWaitingMessages messages per conversation held in order until the contact has joined
 * @param files              file transfers: bind address, advertised host, ports, timeouts, limits
 */
public record MsnPluginSettings(Duration typingExpiry, Duration typingRepeat, int maxWaitingMessages,
                                FileTransferSettings files) {

    public MsnPluginSettings {
        positive(typingExpiry, "typingExpiry");
        positive(typingRepeat, "typingRepeat");
        if (maxWaitingMessages < 1) {
            throw new IllegalArgumentException("maxWaitingMessages must be at least 1: " + maxWaitingMessages);
        }
        Objects.requireNonNull(files, "files");
    }

    /** With the default file transfer settings. */
    public MsnPluginSettings(Duration typingExpiry, Duration typingRepeat, int maxWaitingMessages) {
        this(typingExpiry, typingRepeat, maxWaitingMessages, FileTransferSettings.defaults());
    }

    /** Typing expiry 6 s, typing notices at most every 4 s, 50 messages waiting per conversation. */
    public static MsnPluginSettings defaults() {
        return new MsnPluginSettings(Duration.ofSeconds(6), Duration.ofSeconds(4), 50);
    }

    /** These settings with another typing expiry. */
    public MsnPluginSettings withTypingExpiry(Duration value) {
        return new MsnPluginSettings(value, typingRepeat, maxWaitingMessages, files);
    }

    /** These settings with another minimum interval between outgoing typing notices. */
    public MsnPluginSettings withTypingRepeat(Duration value) {
        return new MsnPluginSettings(typingExpiry, value, maxWaitingMessages, files);
    }

    /** These settings with other file transfer settings. */
    public MsnPluginSettings withFiles(FileTransferSettings value) {
        return new MsnPluginSettings(typingExpiry, typingRepeat, maxWaitingMessages, value);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
