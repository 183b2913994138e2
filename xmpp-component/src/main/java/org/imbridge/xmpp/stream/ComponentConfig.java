package org.imbridge.xmpp.stream;

import java.time.Duration;
import java.util.Objects;

import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * Settings of the component connection (XEP-0114).
 *
 * @param domain             the component's JID, e.g. {@code msn.localhost}; the server must know it
 * @param host               host name or address of the XMPP server's component port
 * @param port               the component port (Prosody's default is 5347)
 * @param secret             the shared secret; never logged, and masked in {@link #toString()}
 * @param maxStanzaBytes     largest top-level element accepted or sent, in UTF-8 bytes
 * @param maxOutgoingQueue   stanzas accepted by {@link ComponentConnection#send} but not yet written
 *                           to the socket, including those held while (re)connecting
 * @param maxIncomingBacklog stanzas received but not yet handed to the listener; reading from the
 *                           socket pauses while the backlog is at this bound
 * @param keepaliveInterval  a single space is written after this long without any other write
 *                           (MINA measures idleness in whole seconds, so at least one second)
 * @param reconnectMin       first delay before reconnecting after the connection is lost
 * @param reconnectMax       the delay doubles per failed attempt up to this bound (with jitter)
 * @param connectTimeout     time allowed from connecting until the handshake is accepted
 */
public record ComponentConfig(
        DomainBareJid domain,
        String host,
        int port,
        String secret,
        int maxStanzaBytes,
        int maxOutgoingQueue,
        int maxIncomingBacklog,
        Duration keepaliveInterval,
        Duration reconnectMin,
        Duration reconnectMax,
        Duration connectTimeout) {

    /** Default for {@link #maxStanzaBytes}: 256 KiB. */
    public static final int DEFAULT_MAX_STANZA_BYTES = 256 * 1024;
    /** Default for {@link #maxOutgoingQueue}. */
    public static final int DEFAULT_MAX_OUTGOING_QUEUE = 10_000;
    /** Default for {@link #maxIncomingBacklog}. */
    public static final int DEFAULT_MAX_INCOMING_BACKLOG = 1_000;
    /** Default for {@link #keepaliveInterval}. */
    public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(60);
    /** Default for {@link #reconnectMin}. */
    public static final Duration DEFAULT_RECONNECT_MIN = Duration.ofSeconds(1);
    /** Default for {@link #reconnectMax}. */
    public static final Duration DEFAULT_RECONNECT_MAX = Duration.ofSeconds(60);
    /** Default for {@link #connectTimeout}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The component port Prosody and ejabberd examples use. */
    public static final int DEFAULT_PORT = 5347;

    /** Validates every field, naming the offending one. */
    public ComponentConfig {
        Objects.requireNonNull(domain, "domain");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, not " + port);
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        requirePositive(maxStanzaBytes, "maxStanzaBytes");
        requirePositive(maxOutgoingQueue, "maxOutgoingQueue");
        requirePositive(maxIncomingBacklog, "maxIncomingBacklog");
        requirePositive(keepaliveInterval, "keepaliveInterval");
        requirePositive(reconnectMin, "reconnectMin");
        requirePositive(reconnectMax, "reconnectMax");
        requirePositive(connectTimeout, "connectTimeout");
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("reconnectMax (" + reconnectMax + ") is below reconnectMin ("
                    + reconnectMin + ")");
        }
    }

    /**
     * Starts a config with the defaults for everything but the essentials.
     *
     * @param domain the component's domain, e.g. {@code msn.example.org}
     * @param secret the shared secret configured for that component on the server
     * @return a builder; host defaults to {@code 127.0.0.1}, port to {@value #DEFAULT_PORT}
     * @throws IllegalArgumentException if the domain is not a valid domain JID
     */
    public static Builder builder(String domain, String secret) {
        return new Builder(parseDomain(domain), secret);
    }

    /** The secret is replaced by asterisks so that the config can be logged. */
    @Override
    public String toString() {
        return "ComponentConfig[domain=" + domain + ", host=" + host + ", port=" + port + ", secret=***"
                + ", maxStanzaBytes=" + maxStanzaBytes + ", maxOutgoingQueue=" + maxOutgoingQueue
                + ", maxIncomingBacklog=" + maxIncomingBacklog + ", keepaliveInterval=" + keepaliveInterval
                + ", reconnectMin=" + reconnectMin + ", reconnectMax=" + reconnectMax
                + ", connectTimeout=" + connectTimeout + "]";
    }

    private static DomainBareJid parseDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("domain must not be empty");
        }
        if (!domain.chars().allMatch(c -> c > 0x20 && "'\"<>&@/".indexOf(c) < 0)) {
            throw new IllegalArgumentException("domain must be a bare domain such as msn.example.org, not '"
                    + domain + "'");
        }
        try {
            Jid jid = JidCreate.from(domain);
            if (!jid.isDomainBareJid()) {
                throw new IllegalArgumentException("domain must be a bare domain such as msn.example.org, not '"
                        + domain + "'");
            }
            return jid.asDomainBareJid();
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException("domain is not a valid XMPP domain: '" + domain + "'", e);
        }
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }

    /** Builds a {@link ComponentConfig}; every setter returns this builder. */
    public static final class Builder {
        private final DomainBareJid domain;
        private final String secret;
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private int maxStanzaBytes = DEFAULT_MAX_STANZA_BYTES;
        private int maxOutgoingQueue = DEFAULT_MAX_OUTGOING_QUEUE;
        private int maxIncomingBacklog = DEFAULT_MAX_INCOMING_BACKLOG;
        private Duration keepaliveInterval = DEFAULT_KEEPALIVE;
        private Duration reconnectMin = DEFAULT_RECONNECT_MIN;
        private Duration reconnectMax = DEFAULT_RECONNECT_MAX;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

        private Builder(DomainBareJid domain, String secret) {
            this.domain = domain;
            this.secret = secret;
        }

        /** @param host the XMPP server's host @return this builder */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** @param port the XMPP server's component port @return this builder */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** @param bytes largest top-level element, in bytes @return this builder */
        public Builder maxStanzaBytes(int bytes) {
            this.maxStanzaBytes = bytes;
            return this;
        }

        /** @param stanzas bound of the outgoing queue @return this builder */
        public Builder maxOutgoingQueue(int stanzas) {
            this.maxOutgoingQueue = stanzas;
            return this;
        }

        /** @param stanzas bound of the incoming backlog @return this builder */
        public Builder maxIncomingBacklog(int stanzas) {
            this.maxIncomingBacklog = stanzas;
            return this;
        }

        /** @param interval idle time before a whitespace keepalive @return this builder */
        public Builder keepaliveInterval(Duration interval) {
            this.keepaliveInterval = interval;
            return this;
        }

        /**
         * @param min first reconnect delay
         * @param max largest reconnect delay
         * @return this builder
         */
        public Builder reconnectBackoff(Duration min, Duration max) {
            this.reconnectMin = min;
            this.reconnectMax = max;
            return this;
        }

        /** @param timeout time from connecting until the handshake is accepted @return this builder */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** @return the validated config @throws IllegalArgumentException naming an invalid setting */
        public ComponentConfig build() {
            return new ComponentConfig(domain, host, port, secret, maxStanzaBytes, maxOutgoingQueue,
                    maxIncomingBacklog, keepaliveInterval, reconnectMin, reconnectMax, connectTimeout);
        }
    }
}
