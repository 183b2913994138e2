package org.imbridge.app.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code component.startup-timeout}: {@code 90s}, {@code 5m}, {@code 1h}, or {@code forever} / {@code 0}. */
final class StartupTimeout {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    private StartupTimeout() {
    }

    /** Empty for forever (also when the key is left out). */
    static Optional<Duration> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("forever") || v.equals("0")) {
            return Optional.empty();
        }
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration like 90s, 5m or 1h, nor forever");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }
}
