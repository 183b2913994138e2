package org.imbridge.msnserver.notification;

import java.time.Duration;
import java.util.Objects;

/**
 * When the notification server sends {@code CHL} and how long it waits for the {@code QRY}
 * (docs/msnp.md §6.1, §9).
 *
 * @param firstDelay after the first CHG; {@code null} sends no automatic challenges
 * @param repeatMin  shortest pause before a further challenge; {@code null} for none
 * @param repeatMax  longest pause before a further challenge (random in between)
 * @param deadline   how long a challenge may stay unanswered before the connection is closed
 */
public record ChallengePolicy(Duration firstDelay, Duration repeatMin, Duration repeatMax, Duration deadline) {

    /** Default QRY deadline (docs/msnp.md §9: about 50 s). */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(50);

    /** One challenge 5 s after the first CHG, none after it, 50 s to answer. */
    public static final ChallengePolicy DEFAULT = new ChallengePolicy(Duration.ofSeconds(5), null, null, DEFAULT_DEADLINE);

    public ChallengePolicy {
        Objects.requireNonNull(deadline, "deadline");
        if ((repeatMin == null) != (repeatMax == null)) {
            throw new IllegalArgumentException("repeatMin and repeatMax must both be set or both be null");
        }
        if (repeatMin != null && (repeatMin.isNegative() || repeatMin.isZero() || repeatMax.compareTo(repeatMin) < 0)) {
            throw new IllegalArgumentException("need 0 < repeatMin <= repeatMax");
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive");
        }
    }

    /** No automatic challenges (only {@code challengeNow} and client-requested ones). */
    public static ChallengePolicy manual(Duration deadline) {
        return new ChallengePolicy(null, null, null, deadline);
    }
}
