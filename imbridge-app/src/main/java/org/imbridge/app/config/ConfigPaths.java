package org.imbridge.app.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Relative paths in the config file (the H2 database, the key file, the secret file, the log file)
 * are relative to the file's directory, so that a command run from elsewhere finds the same files;
 * {@code ~/} is the home directory, as H2 reads it.
 */
public final class ConfigPaths {

    private static final String H2 = "jdbc:h2:";
    private static final String H2_FILE = "file:";

    private ConfigPaths() {
    }

    /** {@code config} with its relative paths resolved against {@code base}. */
    static TransportConfig resolve(TransportConfig config, Path base) {
        TransportConfig.Component c = config.component();
        TransportConfig.Component component = c == null ? null : c.withSecretFile(path(c.secretFile(), base));
        TransportConfig.Storage s = config.storage();
        TransportConfig.Storage storage = s == null ? null : s.withPaths(h2Url(s.url(), base), path(s.keyFile(), base));
        TransportConfig.Logging logging = config.logging().withFile(path(config.logging().file(), base));
        return new TransportConfig(component, config.msn(), storage, config.registration(), config.admins(),
                config.limits(), logging, config.metrics(), config.instance(),
                config.files().withDirectory(path(config.files().directory(), base)));
    }

    /**
     * The file H2 keeps the database in ({@code name.mv.db}) when {@code jdbcUrl} names an H2 file
     * database; empty for in-memory and server databases and PostgreSQL.
     */
    public static Optional<Path> h2DatabaseFile(String jdbcUrl) {
        return h2Path(jdbcUrl).map(p -> {
            Path absolute = Path.of(p).toAbsolutePath().normalize();
            String name = absolute.getFileName().toString();
            return name.endsWith(".mv.db") ? absolute : absolute.resolveSibling(name + ".mv.db");
        });
    }

    private static String path(String value, Path base) {
        if (value == null || value.isBlank()) {
            return value;
        }
        if (value.equals("~") || value.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + value.substring(1)).normalize().toString();
        }
        return base == null ? value : base.resolve(value).normalize().toString();
    }

    private static String h2Url(String url, Path base) {
        Optional<String> path = h2Path(url);
        if (path.isEmpty() || base == null || Path.of(path.get()).isAbsolute() || path.get().startsWith("~")) {
            return url;
        }
        int semicolon = url.indexOf(';');
        String options = semicolon < 0 ? "" : url.substring(semicolon);
        return H2 + H2_FILE + base.resolve(path.get()).normalize() + options;
    }

    /** The path part of an H2 file URL ({@code jdbc:h2:file:PATH;…} or {@code jdbc:h2:PATH;…}). */
    private static Optional<String> h2Path(String url) {
        if (url == null || !url.toLowerCase(Locale.ROOT).startsWith(H2)) {
            return Optional.empty();
        }
        String rest = url.substring(H2.length());
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) {
            rest = rest.substring(0, semicolon);
        }
        if (rest.toLowerCase(Locale.ROOT).startsWith(H2_FILE)) {
            rest = rest.substring(H2_FILE.length());
        } else if (rest.matches("(?i)[a-z]{2,}:.*")) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip:, nio…: not a plain file
        }
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return Optional.of(rest);
    }
}
