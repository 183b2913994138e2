package org.imbridge.app.config;

import java.nio.file.Files;
import java.nio.file.Path;


/** Checks a parsed config; the first problem found is reported with the file and key. */
final class ConfigValidator {

    private final String source;
    private final boolean secretNeeded;

    ConfigValidator(String source, boolean secretNeeded) {
        this.source = source;
        this.secretNeeded = secretNeeded;
    }

    void validate(TransportConfig c) throws ConfigException {
        require(c.component() != null, "component", "is missing");
        require(notBlank(c.component().jid()), "component.jid", "is missing (the component's domain, e.g. msn.example.org)");
        try {
            JidRules.domain(c.component().jid());
        } catch (JidRules.InvalidJid e) {
            fail("component.jid", e.getMessage());
        }
        require(notBlank(c.component().host()), "component.host", "is missing (the XMPP server's host)");
        port("component.port", c.component().port());
        boolean secret = notBlank(c.component().secret());
        boolean secretFile = notBlank(c.component().secretFile());
        require(secret || secretFile || !secretNeeded, "component.secret", "is missing (or give component.secret-file)");
        require(!(secret && secretFile), "component.secret-file", "cannot be given together with component.secret");
        if (secretFile && secretNeeded) {
            require(Files.isReadable(Path.of(c.component().secretFile())), "component.secret-file",
                    "'" + c.component().secretFile() + "' cannot be read");
        }
        if (c.component().maxStanzaBytes() != null) {
            require(c.component().maxStanzaBytes() >= 4096, "component.max-stanza-bytes", "must be at least 4096");
        }
        try {
            c.component().startupWait();
        } catch (IllegalArgumentException e) {
            fail("component.startup-timeout", e.getMessage());
        }
        require(c.msn() != null, "msn", "is missing");
        require(notBlank(c.msn().host()), "msn.host", "is missing (the MSN dispatch server's host)");
        port("msn.port", c.msn().port());
        if (c.msn().ioThreads() != null) {
            require(c.msn().ioThreads() >= 1 && c.msn().ioThreads() <= 64, "msn.io-threads", "must be between 1 and 64");
        }
        if (c.msn().allowedReferrals() != null) {
            try {
                org.imbridge.msn.client.ReferralAllowList.of(c.msn().allowedReferrals());
            } catch (IllegalArgumentException e) {
                require(false, "msn.allowed-referrals", e.getMessage());
            }
        }
        String bind = c.msn().fileTransferBind();
        if (bind != null) {
            require(isIpLiteral(bind.trim()), "msn.file-transfer-bind",
                    "must be an IP address such as 0.0.0.0, not '" + bind + "'");
        }
        String advertised = c.msn().fileTransferAdvertisedHost();
        if (advertised != null) {
            require(notBlank(advertised) && advertised.trim().chars().noneMatch(Character::isWhitespace)
                            && !advertised.contains(":"), "msn.file-transfer-advertised-host",
                    "must be an IPv4 address or a host name that resolves to one, not '" + advertised + "'");
        }
        String ports = c.msn().fileTransferPorts();
        if (ports != null) {
            try {
                org.imbridge.msn.plugin.files.FileTransferSettings.parsePorts(ports);
            } catch (IllegalArgumentException e) {
                require(false, "msn.file-transfer-ports",
                        "must be a port range like 6891-6900 (or 0 for any free port), not '" + ports + "'");
            }
        }
        require(c.storage() != null, "storage", "is missing");
        require(notBlank(c.storage().url()) && (c.storage().url().startsWith("jdbc:h2:")
                        || c.storage().url().startsWith("jdbc:postgresql:")), "storage.url",
                "must be jdbc:h2:… (e.g. jdbc:h2:file:./data/imbridge) or jdbc:postgresql://host/database");
        require(notBlank(c.storage().keyFile()), "storage.key-file", "is missing (where the password key is kept)");
        try {
            c.storage().removalPoll();
        } catch (IllegalArgumentException e) {
            fail("storage.removal-poll-interval", e.getMessage());
        }
        check("instance.name", () -> c.instance().effectiveName());
        check("instance.heartbeat-interval", () -> c.instance().heartbeat());
        check("instance.lease", () -> c.instance().leaseDuration());
        check("instance.handover-grace", () -> c.instance().grace());
        check("instance.component-number", () -> c.instance().slots());
        check("files.max-size", () -> c.files().maxBytes());
        check("files.per-user-transfers", () -> c.files().transfersPerUser());
        check("files.link-port", () -> c.files().endpointPort());
        check("files.link-base-url", () -> c.files().endpointUrl());
        check("files.link-expiry", () -> c.files().expiry());
        check("files.timeout", () -> c.files().transferTimeout());
        check("files.upload-service", () -> {
            if (c.files().uploadService() != null) {
                org.jxmpp.jid.impl.JidCreate.fromOrThrowUnchecked(c.files().uploadService());
            }
        });
        for (int i = 0; i < c.registration().allow().size(); i++) {
            try {
                JidRules.allowPattern(c.registration().allow().get(i));
            } catch (JidRules.InvalidJid e) {
                fail("registration.allow[" + i + "]", e.getMessage());
            }
        }
        for (int i = 0; i < c.admins().size(); i++) {
            try {
                JidRules.bareJid(c.admins().get(i));
            } catch (JidRules.InvalidJid e) {
                fail("admins[" + i + "]", e.getMessage());
            }
        }
        TransportConfig.Limits l = c.limits();
        require(l.maxUsers() != null && l.maxUsers() > 0, "limits.max-users", "must be a positive number");
        require(l.maxMessageBytes() != null && l.maxMessageBytes() >= 1024, "limits.max-message-bytes", "must be at least 1024");
        require(l.messagesPerMinute() != null && l.messagesPerMinute() > 0, "limits.messages-per-minute",
                "must be a positive number");
        require(l.startupProbesPerSecond() != null && l.startupProbesPerSecond() > 0
                        && l.startupProbesPerSecond() <= 100_000, "limits.startup-probes-per-second",
                "must be a number from 1 to 100000");
        require(LOG_LEVELS.contains(c.logging().level().toLowerCase(java.util.Locale.ROOT)), "logging.level",
                "'" + c.logging().level() + "' is not one of " + LOG_LEVELS);
        if (c.logging().file() != null) {
            Path parent = Path.of(c.logging().file()).toAbsolutePath().getParent();
            require(parent != null && Files.isDirectory(parent), "logging.file",
                    "'" + c.logging().file() + "': its directory does not exist");
        }
        size("logging.max-file-size", c.logging().maxFileSize());
        size("logging.total-size-cap", c.logging().totalSizeCap());
        require(c.logging().maxDays() > 0, "logging.max-days", "must be a positive number of days");
        require(c.logging().repeatsPerMinute() >= 0, "logging.repeats-per-minute",
                "must be 0 (log every line) or a positive number of lines");
        require(notBlank(c.metrics().host()), "metrics.host", "is empty (use 127.0.0.1)");
        require(c.metrics().port() >= 0 && c.metrics().port() < 65536, "metrics.port",
                c.metrics().port() + " is not a port number (0 turns metrics off)");
    }

    private static final java.util.List<String> LOG_LEVELS = java.util.List.of("error", "warn", "info", "debug", "trace");

    private void port(String key, Integer port) throws ConfigException {
        require(port != null, key, "is missing");
        require(port > 0 && port < 65536, key, port + " is not a port number");
    }

    private void size(String key, String value) throws ConfigException {
        try {
            require(ch.qos.logback.core.util.FileSize.valueOf(value).getSize() > 0, key, "must be more than 0");
        } catch (IllegalArgumentException e) {
            fail(key, "'" + value + "' is not a size like 10MB or 1GB");
        }
    }

    private void require(boolean ok, String key, String problem) throws ConfigException {
        if (!ok) {
            fail(key, problem);
        }
    }

    private void fail(String key, String problem) throws ConfigException {
        throw new ConfigException(source + ": key '" + key + "' " + problem);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private void check(String key, Runnable parse) throws ConfigException {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            fail(key, e.getMessage());
        }
    }

    /** An IPv4 or IPv6 address literal (no name, so nothing is looked up). */
    private static boolean isIpLiteral(String text) {
        boolean shape = text.matches("[0-9.]+") || (text.contains(":") && text.matches("[0-9A-Fa-f:.]+"));
        if (!shape) {
            return false;
        }
        try {
            java.net.InetAddress.getByName(text);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
