package org.imbridge.msn.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Caps on what an MSN server may push at one session. A server that goes past a cap is treated as
 * flooding: the connection is closed with {@link DisconnectReason#FLOODED} (one log line naming the
 * cap), and the bridge logs in again after a backoff.
 *
 * @param maxPendingChallenges      {@code CHL} answers ({@code QRY}) waiting for the server's reply at once
 * @param maxUnlistedPresences      presences ({@code ILN/NLN/FLN}) for handles on none of the lists per
 *                                  {@code window}; they are ignored and counted, never relayed or stored
 * @param maxAuthorizationRequests  {@code ADD RL} notices (someone added the user) per {@code window}
 * @param maxInvitations            switchboard invitations ({@code RNG}) per {@code window}; how many
 *                                  switchboards may be open at once is {@link MsnClientConfig#maxSwitchboards()}
 * @param window                    the window of the per-window caps
 * @param frameTimeout              a line or payload the server started must be complete within this long
 */
public record ServerLimits(int maxPendingChallenges, int maxUnlistedPresences, int maxAuthorizationRequests,
                           int maxInvitations, Duration window, Duration frameTimeout) {

    /** 4 challenges in flight; per minute 1,000 unlisted presences, 30 authorization requests, 60 invitations; frames within 30 s. */
    public static final ServerLimits DEFAULTS = new ServerLimits(4, 1_000, 30, 60, Duration.ofMinutes(1),
            Duration.ofSeconds(30));

    public ServerLimits {
        atLeast(maxPendingChallenges, "maxPendingChallenges");
        atLeast(maxUnlistedPresences, "maxUnlistedPresences");
        atLeast(maxAuthorizationRequests, "maxAuthorizationRequests");
        atLeast(maxInvitations, "maxInvitations");
        positive(window, "window");
        positive(frameTimeout, "frameTimeout");
    }

    public ServerLimits withMaxPendingChallenges(int value) {
        return new ServerLimits(value, maxUnlistedPresences, maxAuthorizationRequests, maxInvitations, window, frameTimeout);
    }

    public ServerLimits withMaxUnlistedPresences(int value) {
        return new ServerLimits(maxPendingChallenges, value, maxAuthorizationRequests, maxInvitations, window, frameTimeout);
    }

    public ServerLimits withMaxAuthorizationRequests(int value) {
        return new ServerLimits(maxPendingChallenges, maxUnlistedPresences, value, maxInvitations, window, frameTimeout);
    }

    public ServerLimits withMaxInvitations(int value) {
        return new ServerLimits(maxPendingChallenges, maxUnlistedPresences, maxAuthorizationRequests, value, window,
                frameTimeout);
    }

    public ServerLimits withFrameTimeout(Duration value) {
        return new ServerLimits(maxPendingChallenges, maxUnlistedPresences, maxAuthorizationRequests, maxInvitations,
                window, value);
    }

    private static void atLeast(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
