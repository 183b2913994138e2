package org.imbridge.app.launcher.demo;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Demo} runs.
 *
 * @param tour             run the scripted tour and stop, instead of waiting for a person
 * @param preferredC2sPort Prosody's client port when free (5222), else a free one; 0 for any free port
 * @param preferredMsnPort the MSN dispatch port when free (1863), else a free one; 0 for any free port
 * @param echoTypingTime   how long the echo contact types before it answers
 * @param stepTimeout      how long the tour waits for each thing it expects
 */
public record DemoOptions(boolean tour, int preferredC2sPort, int preferredMsnPort, Duration echoTypingTime,
                          Duration stepTimeout) {

    public DemoOptions {
        Objects.requireNonNull(echoTypingTime, "echoTypingTime");
        Objects.requireNonNull(stepTimeout, "stepTimeout");
    }

    /** The defaults a person gets: the usual ports when free, a visible pause before the echo answers. */
    public static DemoOptions defaults(boolean tour) {
        return new DemoOptions(tour, 5222, 1863, Duration.ofMillis(1500), Duration.ofSeconds(20));
    }

    /** @return these options with any free ports (for tests that run side by side) */
    public DemoOptions withFreePorts() {
        return new DemoOptions(tour, 0, 0, echoTypingTime, stepTimeout);
    }
}
