package org.imbridge.msn.ftp;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a transfer waits (docs/msnp.md, "Invitations and MSNFTP file transfer").
 *
 * @param connect         the receiver's TCP connect
 * @param receiverConnect how long the sender listens for the receiver
 * @param step            each answer in the dialogue (VER, USR, FIL, TFR, BYE)
 * @param idle            between data blocks (read by the receiver, written by the sender)
 */
public record MsnftpTimeouts(Duration connect, Duration receiverConnect, Duration step, Duration idle) {

    public MsnftpTimeouts {
        for (Duration d : new Duration[] {connect, receiverConnect, step, idle}) {
            Objects.requireNonNull(d, "timeout");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive: " + d);
            }
        }
    }

    /** 30 s connect, 120 s for the receiver to come, 60 s per step and between blocks. */
    public static MsnftpTimeouts defaults() {
        return new MsnftpTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(60),
                Duration.ofSeconds(60));
    }

    /** The same timeouts, all set to {@code d}; for tests. */
    public static MsnftpTimeouts all(Duration d) {
        return new MsnftpTimeouts(d, d, d, d);
    }
}
