package org.imbridge.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private, throwaway PostgreSQL server for tests and the bench: its own data directory in a temp
 * dir, trust authentication, bound to 127.0.0.1 on a free port, fsync off. Debian's server binaries
 * ({@code /usr/lib/postgresql/<version>/bin}) are used directly; when the JVM runs as root (as in CI),
 * they run as the {@code postgres} user through {@code runuser}, because PostgreSQL refuses root.
 *
 * <p>{@link #start()} takes about a second; {@link #close()} stops the server and deletes its files,
 * and a JVM shutdown hook does the same if the process is interrupted. {@link #newDatabase()} gives
 * each user of the server an empty database.
 */
public final class PrivatePostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PrivatePostgres.class);

    /** The superuser that initdb creates; trust authentication, so no password. */
    public static final String USER = "postgres";

    private static final Path INSTALL_ROOT = Paths.get("/usr/lib/postgresql");
    private static final long COMMAND_TIMEOUT_SECONDS = 60;
    private static final int START_ATTEMPTS = 3;

    private final AtomicInteger databases = new AtomicInteger();
    private Path binDir;
    private Path baseDir;
    private Path dataDir;
    private int port;
    private boolean asPostgresUser;
    private Thread shutdownHook;

    /**
     * Initialises a data directory and starts the server.
     *
     * @throws IllegalStateException when the binaries are missing or the server does not start
     */
    public synchronized void start() throws IOException, InterruptedException {
        if (dataDir != null) {
            return;
        }
        binDir = findBinaries();
        asPostgresUser = "root".equals(System.getProperty("user.name"));
        baseDir = Files.createTempDirectory("imbridge-pg-");
        shutdownHook = new Thread(this::stopQuietly, "private-postgres-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            if (asPostgresUser) {
                UserPrincipalLookupService users = baseDir.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(baseDir, users.lookupPrincipalByName(USER));
            }
            dataDir = baseDir.resolve("data");
            run(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-A", "trust", "-U", USER,
                    "-E", "UTF8", "--locale=C", "--no-sync"));
            startOnFreePort();
        } catch (IOException | InterruptedException | RuntimeException e) {
            stopQuietly();
            throw e;
        }
    }

    private void startOnFreePort() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            try {
                run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(),
                        "-l", baseDir.resolve("server.log").toString(), "-w", "-t", "30",
                        "-o", "-p " + port + " -k " + baseDir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                                + " -c synchronous_commit=off -c full_page_writes=off",
                        "start"));
                LOG.info("Private PostgreSQL server ({}) listening on 127.0.0.1:{}", binDir, port);
                return;
            } catch (IllegalStateException e) {
                if (attempt >= START_ATTEMPTS) {
                    throw new IllegalStateException(e.getMessage() + "\nserver log:\n" + serverLog(), e);
                }
                // Most likely the port was taken between choosing and binding it: try another one.
            }
        }
    }

    /** Stops the server and deletes its files; does nothing when it is not running. */
    @Override
    public void close() {
        stop();
    }

    /** Stops the server and deletes its files; does nothing when it is not running. */
    public synchronized void stop() {
        stopQuietly();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down and running the hook.
            }
            shutdownHook = null;
        }
    }

    private synchronized void stopQuietly() {
        if (baseDir == null) {
            return;
        }
        try {
            if (dataDir != null && Files.exists(dataDir.resolve("postmaster.pid"))) {
                run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w",
                        "stop"));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not stop the private PostgreSQL server in {}: {}", dataDir, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteRecursively(baseDir);
            baseDir = null;
            dataDir = null;
        }
    }

    /** @return the port the server listens on, on 127.0.0.1 */
    public int port() {
        return port;
    }

    /**
     * @param database a database name
     * @return its JDBC URL
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Creates an empty database.
     *
     * @return its JDBC URL (user {@link #USER}, no password)
     */
    public String newDatabase() {
        String name = "test_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    private static Path findBinaries() throws IOException {
        List<Path> candidates = new ArrayList<>();
        if (Files.isDirectory(INSTALL_ROOT)) {
            try (DirectoryStream<Path> versions = Files.newDirectoryStream(INSTALL_ROOT)) {
                for (Path version : versions) {
                    Path bin = version.resolve("bin");
                    if (Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))) {
                        candidates.add(bin);
                    }
                }
            }
        }
        return candidates.stream()
                .max(Comparator.comparingInt(PrivatePostgres::majorVersion))
                .orElseThrow(() -> new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) not found "
                        + "under " + INSTALL_ROOT + "/*/bin; install them with: apt-get install -y postgresql"));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(command);
        // Output goes to a file, not a pipe: the daemonized server must not hold our pipe open.
        Path output = Files.createTempFile("imbridge-pg-cmd-", ".out");
        try {
            Process process = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + COMMAND_TIMEOUT_SECONDS + " s: " + full);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed with exit code " + process.exitValue() + ": " + full + "\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String serverLog() {
        try {
            Path log = baseDir.resolve("server.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}: {}", dir, e.toString());
        }
    }
}
