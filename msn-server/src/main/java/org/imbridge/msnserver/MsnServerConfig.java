package org.imbridge.msnserver;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.imbridge.msnserver.account.AccountDirectory;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.msnserver.notification.ChallengePolicy;

/**
 * Everything {@link MsnServer#start} needs. Build with {@link #builder()}; every field has a default.
 *
 * @param host                   address to bind (default 127.0.0.1)
 * @param advertisedHost         host put into XFR / RNG lines; {@code null} for {@code host}
 * @param dispatchPort           0 picks a free port
 * @param notificationPort       0 picks a free port
 * @param switchboardPort        0 picks a free port
 * @param extraNotificationHosts more addresses the notification server listens on, on its port; XFR hands out
 *                               {@code host} and these in turn (a load test spreads its connections over
 *                               several loopback addresses this way, so the ephemeral ports towards one
 *                               address are not its ceiling); default none
 * @param accounts               the initial accounts
 * @param forwardListLimit       FL size beyond which ADD FL gets 210 (default 150)
 * @param challenges             CHL timing and QRY deadline (default: 5 s after the first CHG, 50 s)
 * @param switchboardAuthTimeout time from connect to USR / ANS (default 60 s)
 * @param switchboardIdleTimeout time without a command before {@code BYE handle 1} (default 300 s)
 * @param cookieLifetime         how long an XFR / RNG cookie stays valid (default 120 s)
 * @param clock                  for login times and salts
 */
public record MsnServerConfig(String host, String advertisedHost, int dispatchPort, int notificationPort,
                              int switchboardPort, List<String> extraNotificationHosts,
                              List<AccountSpec> accounts, int forwardListLimit,
                              ChallengePolicy challenges, Duration switchboardAuthTimeout,
                              Duration switchboardIdleTimeout, Duration cookieLifetime, Clock clock) {

    public MsnServerConfig {
        Objects.requireNonNull(host, "host");
        extraNotificationHosts = List.copyOf(extraNotificationHosts);
        accounts = List.copyOf(accounts);
        Objects.requireNonNull(challenges, "challenges");
        requirePositive(switchboardAuthTimeout, "switchboardAuthTimeout");
        requirePositive(switchboardIdleTimeout, "switchboardIdleTimeout");
        requirePositive(cookieLifetime, "cookieLifetime");
        Objects.requireNonNull(clock, "clock");
        for (int port : new int[] {dispatchPort, notificationPort, switchboardPort}) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
        if (forwardListLimit < 1) {
            throw new IllegalArgumentException("forwardListLimit must be positive: " + forwardListLimit);
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    /** The host clients are told to connect to. */
    public String effectiveAdvertisedHost() {
        if (advertisedHost != null) {
            return advertisedHost;
        }
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from the defaults. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.advertisedHost = advertisedHost;
        b.dispatchPort = dispatchPort;
        b.notificationPort = notificationPort;
        b.switchboardPort = switchboardPort;
        b.extraNotificationHosts = extraNotificationHosts;
        b.accounts = accounts;
        b.forwardListLimit = forwardListLimit;
        b.challenges = challenges;
        b.switchboardAuthTimeout = switchboardAuthTimeout;
        b.switchboardIdleTimeout = switchboardIdleTimeout;
        b.cookieLifetime = cookieLifetime;
        b.clock = clock;
        return b;
    }

    /** Builds a {@link MsnServerConfig}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private String advertisedHost;
        private int dispatchPort;
        private int notificationPort;
        private int switchboardPort;
        private List<String> extraNotificationHosts = List.of();
        private List<AccountSpec> accounts = List.of();
        private int forwardListLimit = AccountDirectory.DEFAULT_FORWARD_LIST_LIMIT;
        private ChallengePolicy challenges = ChallengePolicy.DEFAULT;
        private Duration switchboardAuthTimeout = Duration.ofSeconds(60);
        private Duration switchboardIdleTimeout = Duration.ofSeconds(300);
        private Duration cookieLifetime = Duration.ofSeconds(120);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder advertisedHost(String value) {
            advertisedHost = value;
            return this;
        }

        public Builder dispatchPort(int value) {
            dispatchPort = value;
            return this;
        }

        public Builder notificationPort(int value) {
            notificationPort = value;
            return this;
        }

        public Builder switchboardPort(int value) {
            switchboardPort = value;
            return this;
        }

        public Builder extraNotificationHosts(List<String> value) {
            extraNotificationHosts = value;
            return this;
        }

        public Builder accounts(List<AccountSpec> value) {
            accounts = value;
            return this;
        }

        public Builder forwardListLimit(int value) {
            forwardListLimit = value;
            return this;
        }

        public Builder challenges(ChallengePolicy value) {
            challenges = value;
            return this;
        }

        public Builder switchboardAuthTimeout(Duration value) {
            switchboardAuthTimeout = value;
            return this;
        }

        public Builder switchboardIdleTimeout(Duration value) {
            switchboardIdleTimeout = value;
            return this;
        }

        public Builder cookieLifetime(Duration value) {
            cookieLifetime = value;
            return this;
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        public MsnServerConfig build() {
            return new MsnServerConfig(host, advertisedHost, dispatchPort, notificationPort, switchboardPort,
                    extraNotificationHosts, accounts, forwardListLimit, challenges, switchboardAuthTimeout,
                    switchboardIdleTimeout, cookieLifetime, clock);
        }
    }
}
