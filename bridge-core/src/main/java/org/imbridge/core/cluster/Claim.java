package org.imbridge.core.cluster;

import java.util.Optional;

/**
 * What {@link SessionOwnership#claim} decided.
 *
 * @param outcome       whether this instance now holds the user
 * @param previousOwner the instance that held the user before (live or not), if another one did
 */
public record Claim(Outcome outcome, Optional<String> previousOwner) {

    public enum Outcome {
        /** This instance holds the user; nobody else did, or it already did. */
        CLAIMED,
        /** This instance holds the user, taken from {@link #previousOwner} (live, told to let go, or gone). */
        TAKEN_OVER,
        /** {@link #previousOwner} is live and took the user moments ago: do not log in. */
        HELD_ELSEWHERE
    }

    public static Claim claimed() {
        return new Claim(Outcome.CLAIMED, Optional.empty());
    }

    public static Claim takenOver(String from) {
        return new Claim(Outcome.TAKEN_OVER, Optional.of(from));
    }

    public static Claim heldElsewhere(String by) {
        return new Claim(Outcome.HELD_ELSEWHERE, Optional.of(by));
    }

    /** @return true when this instance may log the user in */
    public boolean granted() {
        return outcome != Outcome.HELD_ELSEWHERE;
    }
}
