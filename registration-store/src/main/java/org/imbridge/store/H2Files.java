package org.imbridge.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an H2 file database private, like the key file: a directory we create for it is 0700 (an
 * existing one, which the admin chose, is left as it is), and the database's files
 * ({@code name.mv.db}, {@code name.trace.db}, {@code name.lock.db}, temporary files) are made 0600
 * once H2 has created them, since H2 creates them with the process's umask.
 */
final class H2Files {

    private static final Logger LOG = LoggerFactory.getLogger(H2Files.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path base;

    private H2Files(Path base) {
        this.base = base;
    }

    /** The files of the H2 file database {@code jdbcUrl} names; empty for other URLs (in-memory, server, PostgreSQL). */
    static Optional<H2Files> of(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) {
            rest = rest.substring(0, semicolon);
        }
        if (rest.toLowerCase(Locale.ROOT).startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (rest.matches("(?i)[a-z]{2,}:.*")) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip:, nio… : not a plain file we manage
        }
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return Optional.of(new H2Files(Path.of(rest).toAbsolutePath().normalize()));
    }

    /** Before H2 opens the database: creates its directory 0700 when it does not exist yet. */
    void prepareDirectory() {
        Path dir = base.getParent();
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        try {
            if (posix(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            // H2 reports the unusable path itself, with a clearer message
            LOG.debug("Could not create the database directory {}: {}", dir, e.toString());
        }
    }

    /** Once H2 has created its files (and again at close, for a trace file written since): each 0600. */
    void restrictFiles() {
        Path dir = base.getParent();
        if (dir == null || !Files.isDirectory(dir) || !posix(dir)) {
            return;
        }
        String prefix = base.getFileName() + ".";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path file : files) {
                if (Files.isRegularFile(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                    Files.setPosixFilePermissions(file, OWNER_ONLY);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not make the database files {}.* readable by their owner only: {}", base, e.toString());
        }
    }

    private static boolean posix(Path dir) {
        return Files.getFileAttributeView(dir.getRoot() == null ? dir : dir.getRoot(), PosixFileAttributeView.class) != null;
    }
}
