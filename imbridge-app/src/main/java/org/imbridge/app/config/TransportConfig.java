package org.imbridge.app.config;

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
 * @param logging      log level and file
 * @param metrics      the Prometheus endpoint (off by default)
 * @param instance     this instance among several on one domain
 * @param files        files between users and contacts
 */
public record TransportConfig(
        Component component,
        Msn msn,
        Storage storage,
        Registration registration,
        List<String> admins,
        Limits limits,
        Logging logging,
        Metrics metrics,
        Instance instance,
        Files files) {

    public TransportConfig {
        admins = admins == null ? List.of() : List.copyOf(admins);
        registration = registration == null ? new Registration(List.of("*")) : registration;
        limits = limits == null ? Limits.DEFAULTS : limits.withDefaults();
        logging = logging == null ? Logging.DEFAULTS : logging.withDefaults();
        metrics = metrics == null ? Metrics.OFF : metrics.withDefaults();
        instance = instance == null ? Instance.DEFAULTS : instance;
        files = files == null ? Files.DEFAULTS : files;
    }

    /** A config without a files section (the defaults). */
    public TransportConfig(Component component, Msn msn, Storage storage, Registration registration,
                           List<String> admins, Limits limits, Logging logging, Metrics metrics, Instance instance) {
        this(component, msn, storage, registration, admins, limits, logging, metrics, instance, null);
    }

    /** A config without an instance section (the defaults: named after the host). */
    public TransportConfig(Component component, Msn msn, Storage storage, Registration registration,
                           List<String> admins, Limits limits, Logging logging, Metrics metrics) {
        this(component, msn, storage, registration, admins, limits, logging, metrics, null, null);
    }

    /** A config without logging and metrics sections (their defaults). */
    public TransportConfig(Component component, Msn msn, Storage storage, Registration registration,
                           List<String> admins, Limits limits) {
        this(component, msn, storage, registration, admins, limits, null, null);
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
     * @param startupTimeout how long {@code imbridge run} waits for the first handshake before it gives
     *                       up ({@code 90s}, {@code 5m}, {@code 1h}), or {@code forever} / {@code 0}
     *                       (the default): keep retrying with the reconnect backoff
     */
    public record Component(String jid, String host, Integer port, String secret, String secretFile,
                            Integer maxStanzaBytes, String startupTimeout) {

        /** @return this section with {@code file} as its secret file */
        Component withSecretFile(String file) {
            return new Component(jid, host, port, secret, file, maxStanzaBytes, startupTimeout);
        }

        /**
         * The start-up give-up time, empty for forever.
         *
         * @throws IllegalArgumentException if {@code startupTimeout} is neither a duration nor forever
         */
        public java.util.Optional<java.time.Duration> startupWait() {
            return StartupTimeout.parse(startupTimeout);
        }

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
     * @param host      the dispatch server's host
     * @param port      the dispatch server's port (1863)
     * @param ioThreads I/O threads for all MSN connections (default: cores + 1)
     * @param allowedReferrals where XFR and RNG referrals may point besides {@code host}: CIDR ranges,
     *                  addresses, host names ({@code *.example.net}); none by default
     * @param fileTransferBind the IP address MSNFTP listeners bind to when users send files (default 0.0.0.0)
     * @param fileTransferAdvertisedHost the IPv4 address (or a name, resolved once at start) contacts connect
     *                  to for files users send; default: the address of each user's MSN notification
     *                  connection, i.e. the address the MSN server saw the transport on
     * @param fileTransferPorts the ports those listeners may use, e.g. {@code 6891-6900} (the default)
     */
    public record Msn(String host, Integer port, Integer ioThreads, List<String> allowedReferrals,
                      String fileTransferBind, String fileTransferAdvertisedHost, String fileTransferPorts) {

        public Msn(String host, Integer port) {
            this(host, port, null, null);
        }

        public Msn(String host, Integer port, Integer ioThreads) {
            this(host, port, ioThreads, null);
        }

        public Msn(String host, Integer port, Integer ioThreads, List<String> allowedReferrals) {
            this(host, port, ioThreads, allowedReferrals, null, null, null);
        }
    }

    /**
     * Registration storage.
     *
     * @param url      a JDBC URL ({@code jdbc:h2:file:…} or {@code jdbc:postgresql://…})
     * @param user     the database user
     * @param password the database password (may be {@code ${ENV_VAR}})
     * @param keyFile  the file holding the key that encrypts stored legacy passwords
     * @param removalPollInterval how often the running transport reads the store's removal log, to carry
     *                 out removals made by another process ({@code 2s} by default; {@code 500ms}, {@code 1m})
     */
    public record Storage(String url, String user, String password, String keyFile, String removalPollInterval) {

        /** The default poll interval of the removal log. */
        public static final java.time.Duration DEFAULT_REMOVAL_POLL = java.time.Duration.ofSeconds(2);

        public Storage(String url, String user, String password, String keyFile) {
            this(url, user, password, keyFile, null);
        }

        /** @return this section with {@code newUrl} and {@code newKeyFile} (resolved paths), every other key kept */
        Storage withPaths(String newUrl, String newKeyFile) {
            return new Storage(newUrl, user, password, newKeyFile, removalPollInterval);
        }

        /**
         * The removal log's poll interval, {@link #DEFAULT_REMOVAL_POLL} when left out.
         *
         * @throws IllegalArgumentException if the value is not a duration from 100ms to 1h
         */
        public java.time.Duration removalPoll() {
            if (removalPollInterval == null) {
                return DEFAULT_REMOVAL_POLL;
            }
            java.util.Optional<java.time.Duration> parsed;
            try {
                parsed = StartupTimeout.parse(removalPollInterval);
            } catch (IllegalArgumentException e) {
                parsed = java.util.Optional.empty();
            }
            // empty also for "forever" and "0", which are no intervals
            java.time.Duration d = parsed.orElseThrow(() -> new IllegalArgumentException("'" + removalPollInterval
                            + "' is not a duration like 2s, 500ms or 1m"));
            if (d.toMillis() < 100 || d.compareTo(java.time.Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("'" + removalPollInterval + "' must be from 100ms to 1h");
            }
            return d;
        }
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
     * @param startupProbesPerSecond presence probes per second to registered users at start-up and
     *                          after the component stream reconnects
     */
    public record Limits(Integer maxUsers, Integer maxMessageBytes, Integer messagesPerMinute,
                         Integer startupProbesPerSecond) {

        public static final Limits DEFAULTS = new Limits(10_000, 64 * 1024, 120, 100);

        /** Keys left out of the file take their default. */
        Limits withDefaults() {
            return new Limits(maxUsers == null ? DEFAULTS.maxUsers : maxUsers,
                    maxMessageBytes == null ? DEFAULTS.maxMessageBytes : maxMessageBytes,
                    messagesPerMinute == null ? DEFAULTS.messagesPerMinute : messagesPerMinute,
                    startupProbesPerSecond == null ? DEFAULTS.startupProbesPerSecond : startupProbesPerSecond);
        }
    }

    /**
     * Logging.
     *
     * @param level        the level of IMBridge's own loggers ({@code error}, {@code warn}, {@code info},
     *                     {@code debug}, {@code trace}); reloaded with the file
     * @param file         a file to write the log to as well, or null for stderr only
     * @param maxFileSize  {@code file} is rolled over (to {@code file.yyyy-MM-dd.N.gz}) at this size
     *                     ({@code 10MB}) and at midnight
     * @param maxDays      rolled files older than this many days are deleted
     * @param totalSizeCap the oldest rolled files are deleted while all of them together are larger
     * @param repeatsPerMinute of the lines with the same logger, level and pattern, this many a minute
     *                     are logged, then one line with the count of the rest; 0 logs every line;
     *                     reloaded with the file
     */
    public record Logging(String level, String file, String maxFileSize, Integer maxDays, String totalSizeCap,
                          Integer repeatsPerMinute) {

        public static final Logging DEFAULTS = new Logging("info", null, "10MB", 14, "1GB", 5);

        /** @return this section with {@code logFile} as its file */
        Logging withFile(String logFile) {
            return new Logging(level, logFile, maxFileSize, maxDays, totalSizeCap, repeatsPerMinute);
        }

        Logging withDefaults() {
            return new Logging(level == null ? DEFAULTS.level : level, file,
                    maxFileSize == null ? DEFAULTS.maxFileSize : maxFileSize,
                    maxDays == null ? DEFAULTS.maxDays : maxDays,
                    totalSizeCap == null ? DEFAULTS.totalSizeCap : totalSizeCap,
                    repeatsPerMinute == null ? DEFAULTS.repeatsPerMinute : repeatsPerMinute);
        }
    }

    /**
     * The Prometheus endpoint.
     *
     * @param host the address to listen on (keep it on loopback)
     * @param port the port; 0 turns the endpoint off
     */
    public record Metrics(String host, Integer port) {

        public static final Metrics OFF = new Metrics("127.0.0.1", 0);

        Metrics withDefaults() {
            return new Metrics(host == null ? OFF.host : host, port == null ? OFF.port : port);
        }

        /** True when metrics are to be served. */
        public boolean enabled() {
            return port != null && port > 0;
        }
    }

    /**
     * Files between users and their contacts (README, "Files").
     *
     * @param enabled               files on ({@code true}, the default) or off (offers declined with a
     *                              notice, links as text only)
     * @param maxSize               the largest file either way ({@code 10MiB}; bytes, or with KiB, MiB, GiB)
     * @param perUserTransfers      transfers under way per user ({@code 2})
     * @param directory             where files in transit live; default {@code transfers} beside the
     *                              store's key file
     * @param uploadService         the XEP-0363 service's JID; default: found on each user's own server
     * @param linkBaseUrl           the public URL of the transport's own file endpoint; with
     *                              {@code link-port}, files go there when no upload service takes them
     * @param linkHost              where that endpoint listens ({@code 127.0.0.1}, behind a proxy)
     * @param linkPort              its port; 0 (the default) turns it off
     * @param linkExpiry            how long it serves a file ({@code 24h})
     * @param downloadHosts         hosts shared links are fetched from besides the user's own domain
     *                              and its subdomains
     * @param allowPrivateAddresses let those hosts be on private or loopback addresses ({@code false})
     * @param timeout               for a whole download or upload ({@code 5m})
     */
    public record Files(Boolean enabled, String maxSize, Integer perUserTransfers, String directory,
                        String uploadService, String linkBaseUrl, String linkHost, Integer linkPort,
                        String linkExpiry, List<String> downloadHosts, Boolean allowPrivateAddresses,
                        String timeout) {

        public static final Files DEFAULTS = new Files(null, null, null, null, null, null, null, null, null, null,
                null, null);

        public boolean on() {
            return enabled == null || enabled;
        }

        /** @throws IllegalArgumentException unless 1 byte to 4 GiB */
        public long maxBytes() {
            if (maxSize == null) {
                return 10L * 1024 * 1024;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(|B|KiB|MiB|GiB|KB|MB|GB)")
                    .matcher(maxSize.trim());
            long bytes = -1;
            if (m.matches()) {
                long unit = switch (m.group(2)) {
                    case "KiB", "KB" -> 1024L;
                    case "MiB", "MB" -> 1024L * 1024;
                    case "GiB", "GB" -> 1024L * 1024 * 1024;
                    default -> 1L;
                };
                try {
                    bytes = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
                } catch (ArithmeticException | NumberFormatException e) {
                    bytes = -1;
                }
            }
            if (bytes < 1 || bytes > 4L * 1024 * 1024 * 1024) {
                throw new IllegalArgumentException("'" + maxSize + "' must be a size from 1 byte to 4GiB, like 10MiB");
            }
            return bytes;
        }

        /** @throws IllegalArgumentException unless 1 to 100 */
        public int transfersPerUser() {
            int n = perUserTransfers == null ? 2 : perUserTransfers;
            if (n < 1 || n > 100) {
                throw new IllegalArgumentException("must be from 1 to 100");
            }
            return n;
        }

        /** @throws IllegalArgumentException unless 0 (off) or 1 to 65535 */
        public int endpointPort() {
            int port = linkPort == null ? 0 : linkPort;
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("must be from 0 (off) to 65535");
            }
            return port;
        }

        /** @throws IllegalArgumentException when not an http(s) URL, or missing while the endpoint is on */
        public java.net.URI endpointUrl() {
            if (linkBaseUrl == null) {
                if (endpointPort() > 0) {
                    throw new IllegalArgumentException("is needed with files.link-port: the URL users' clients fetch"
                            + " files from, e.g. https://files.example.org/imbridge");
                }
                return null;
            }
            try {
                java.net.URI url = new java.net.URI(linkBaseUrl);
                if (!"https".equalsIgnoreCase(url.getScheme()) && !"http".equalsIgnoreCase(url.getScheme())
                        || url.getHost() == null) {
                    throw new IllegalArgumentException("'" + linkBaseUrl + "' must be an http(s) URL with a host");
                }
                return url;
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("'" + linkBaseUrl + "' is not a URL: " + e.getReason());
            }
        }

        public java.time.Duration expiry() {
            return Instance.duration(linkExpiry, java.time.Duration.ofDays(1), java.time.Duration.ofMinutes(1),
                    java.time.Duration.ofDays(30));
        }

        public java.time.Duration transferTimeout() {
            return Instance.duration(timeout, java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(1),
                    java.time.Duration.ofHours(1));
        }

        public List<String> hosts() {
            return downloadHosts == null ? List.of() : List.copyOf(downloadHosts);
        }

        public boolean privateAddresses() {
            return allowPrivateAddresses != null && allowPrivateAddresses;
        }

        Files withDirectory(String resolved) {
            return new Files(enabled, maxSize, perUserTransfers, resolved, uploadService, linkBaseUrl, linkHost,
                    linkPort, linkExpiry, downloadHosts, allowPrivateAddresses, timeout);
        }
    }

    /**
     * This instance among several on one domain (README, "Running several instances").
     *
     * @param name              unique among the live instances; the host name when left out
     * @param heartbeatInterval how often it proves itself alive and looks at the others ({@code 1s})
     * @param lease             how old a heartbeat may be for its instance to count as live ({@code 10s})
     * @param handoverGrace     how long a user another instance just took stays with it ({@code 10s})
     * @param componentNumber   ejabberd's {@code component_number} for the domain: how many component
     *                          streams it balances the domain over (1, the default: one instance)
     */
    public record Instance(String name, String heartbeatInterval, String lease, String handoverGrace,
                           Integer componentNumber) {

        public static final Instance DEFAULTS = new Instance(null, null, null, null, null);

        /** @throws IllegalArgumentException unless from 1 to 1000 (ejabberd's range) */
        public int slots() {
            if (componentNumber == null) {
                return 1;
            }
            if (componentNumber < 1 || componentNumber > 1000) {
                throw new IllegalArgumentException("must be from 1 to 1000 (ejabberd's component_number)");
            }
            return componentNumber;
        }
        private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

        /**
         * @return the configured name, else the host name (made to fit the allowed characters)
         * @throws IllegalArgumentException if the configured name is not 1–64 letters, digits, {@code . _ -}
         */
        public String effectiveName() {
            if (name != null) {
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("'" + name + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
                }
                return name;
            }
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = System.getenv().getOrDefault("HOSTNAME", "imbridge");
            }
            String cleaned = host.replaceAll("[^A-Za-z0-9._-]", "-");
            return cleaned.isEmpty() ? "imbridge" : cleaned.substring(0, Math.min(64, cleaned.length()));
        }

        public java.time.Duration heartbeat() {
            return duration(heartbeatInterval, java.time.Duration.ofSeconds(1), java.time.Duration.ofMillis(250),
                    java.time.Duration.ofMinutes(1));
        }

        /** @throws IllegalArgumentException when shorter than three heartbeats */
        public java.time.Duration leaseDuration() {
            java.time.Duration lease = duration(this.lease, java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(1),
                    java.time.Duration.ofMinutes(10));
            if (lease.compareTo(heartbeat().multipliedBy(3)) < 0) {
                // with a long heartbeat-interval alone, the admin never wrote the lease that is too short
                boolean given = this.lease != null;
                throw new IllegalArgumentException((given ? "'" + this.lease + "'" : "10s (the default)")
                        + " must be at least three heartbeat intervals (" + heartbeat().multipliedBy(3).toMillis()
                        + " ms)" + (given ? "" : ": set instance.lease"));
            }
            return lease;
        }

        public java.time.Duration grace() {
            return duration(handoverGrace, java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(1),
                    java.time.Duration.ofMinutes(5));
        }

        static java.time.Duration duration(String value, java.time.Duration fallback, java.time.Duration min,
                                                   java.time.Duration max) {
            if (value == null) {
                return fallback;
            }
            java.time.Duration d = StartupTimeout.parse(value).orElseThrow(() ->
                    new IllegalArgumentException("'" + value + "' must be a duration like 500ms, 2s or 1m"));
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException("'" + value + "' must be from " + min.toMillis() + " ms to "
                        + max.toSeconds() + " s");
            }
            return d;
        }
    }

    /** For tests and the demo: the settings a component in {@code Map} form would carry. */
    public Map<String, String> msnSettings() {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("host", msn.host());
        settings.put("port", String.valueOf(msn.port()));
        if (msn.ioThreads() != null) {
            settings.put("io-threads", String.valueOf(msn.ioThreads()));
        }
        if (msn.allowedReferrals() != null && !msn.allowedReferrals().isEmpty()) {
            settings.put("allowed-referrals", String.join(",", msn.allowedReferrals()));
        }
        if (msn.fileTransferBind() != null) {
            settings.put("file-transfer-bind", msn.fileTransferBind());
        }
        if (msn.fileTransferAdvertisedHost() != null) {
            settings.put("file-transfer-advertised-host", msn.fileTransferAdvertisedHost());
        }
        if (msn.fileTransferPorts() != null) {
            settings.put("file-transfer-ports", msn.fileTransferPorts());
        }
        return Map.copyOf(settings);
    }
}
