package org.imbridge.msn.ftp;

import java.time.Duration;
import java.util.Objects;

/**
 * A finished transfer.
 *
 * @param bytes    file bytes moved
 * @param duration from the start of the transfer (listening, or connecting) to its end
 */
public record TransferResult(long bytes, Duration duration) {
    public TransferResult {
        Objects.requireNonNull(duration, "duration");
    }
}
