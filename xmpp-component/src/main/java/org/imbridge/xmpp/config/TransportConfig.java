package org.imbridge.xmpp.config;

import java.util.List;
import java.util.Map;

/**
 * Everything an admin configures. Key names in the file are kebab-case versions of these components
 * ({@code max-stanza-bytes}).
 *
 * @param component    the XEP-0114 connection to the XMPP server
 * @param msn          the MSN network to connect users to
 * @param storage      where registrations are kept
 * @param registration who may register
 * @param admins       bare JIDs of the transport's administrators
 * @param limits       per-user and per-instance limits
 */
public record TransportConfig(
        Component component,
        Msn msn,
        Storage storage,
        Registration registration,
        List<String> admins,
        Limits limits) {

    public TransportConfig {
        admins = admins == null ? List.of() : List.copyOf(admins);
        registration = registration == null ? new Registration(List.of("*")) : registration;
        limits = limits == null ? Limits.DEFAULTS : limits;
    }

    /**
     * The component connection.
     *
     * @param jid            the component's domain, e.g. {@code msn.example.org}
     * @param host           the XMPP server's host
     * @param port           the server's component port (often 5347)
     * @param secret         the shared secret (may be {@code ${ENV_VAR}})
     * @param secretFile     a file holding the secret instead
     * @param maxStanzaBytes the largest stanza accepted from the server
     */
    public record Component(String jid, String host, Integer port, String secret, String secretFile,
                            Integer maxStanzaBytes) {

        /** The secret, read from {@code secretFile} when that is how it is given (trailing newline dropped). */
        public String resolvedSecret() throws java.io.IOException {
            if (secret != null && !secret.isBlank()) {
                return secret;
            }
            return java.nio.file.Files.readString(java.nio.file.Path.of(secretFile)).strip();
        }
    }

    /**
     * The MSN network.
     *
     * @param host the dispatch server's host
     * @param port the dispatch server's port (1863)
     */
    public record Msn(String host, Integer port) {
    }

    /**
     * Registration storage.
     *
     * @param url      a JDBC URL ({@code jdbc:h2:file:…} or {@code jdbc:postgresql://…})
     * @param user     the database user
     * @param password the database password (may be {@code ${ENV_VAR}})
     * @param keyFile  the file holding the key that encrypts stored legacy passwords
     */
    public record Storage(String url, String user, String password, String keyFile) {
    }

    /**
     * Who may register.
     *
     * @param allow JID patterns ({@code *}, {@code example.org}, {@code *@example.org}, {@code user@example.org})
     */
    public record Registration(List<String> allow) {

        public Registration {
            allow = allow == null ? List.of() : List.copyOf(allow);
        }
    }

    /**
     * Limits.
     *
     * @param maxUsers          registrations accepted in all
     * @param maxMessageBytes   the largest message body relayed
     * @param messagesPerMinute messages one user may send per minute
     */
    public record Limits(Integer maxUsers, Integer maxMessageBytes, Integer messagesPerMinute) {

        public static final Limits DEFAULTS = new Limits(10_000, 64 * 1024, 120);
    }

    /** For tests and the demo: the settings a component in {@code Map} form would carry. */
    public Map<String, String> msnSettings() {
        return Map.of("host", msn.host(), "port", String.valueOf(msn.port()));
    }
}
