package org.imbridge.ejabberd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private ejabberd for tests: its own config, Mnesia spool and logs in a directory of ours, its own
 * Erlang node name, listening on 127.0.0.1 only (one plain client port, one or more
 * {@code ejabberd_service} component ports), started with {@code ejabberdctl foreground} so that the
 * process we started is the server. Several run side by side; the system's ejabberd is left alone.
 *
 * <pre>
 * try (PrivateEjabberd ejabberd = PrivateEjabberd.builder().start()) {
 *     ejabberd.registerUser("alice", "secret");
 *     // component: ejabberd.componentDomain(), componentSecret(), host(), componentPort()
 * }
 * </pre>
 *
 * <p>No epmd: the node listens for {@code ejabberdctl} on a distribution port of its own
 * ({@code ERL_DIST_PORT}, which makes ejabberdctl start Erlang with {@code -start_epmd false}), so nothing
 * outlives {@link #close()} and instances never share a name server. Debian's ejabberdctl runs only as
 * root (switching to the {@code ejabberd} user) or as {@code ejabberd}; see {@link #unavailableReason()}.
 * Without {@link Builder#directory(Path)} the directory is a temporary one, deleted by {@link #close()} and
 * by a shutdown hook if the JVM ends first. {@link #kill()} and {@link #start()} stop and restart the same
 * server (same ports, same accounts).
 */
public final class PrivateEjabberd implements AutoCloseable {

    /** How to install what it needs on Debian. */
    public static final String INSTALL_HINT = "apt-get install -y ejabberd";
    /** The user Debian's ejabberdctl runs the server as. */
    static final String EJABBERD_USER = "ejabberd";
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);
    private static final Duration CTL_TIMEOUT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int START_ATTEMPTS = 3;

    private final Builder settings;
    private final String ejabberdctl;
    private final Path directory;
    private final boolean temporary;
    private final Path configFile;
    private final Path ctlConfigFile;
    private final String node;
    private final int c2sPort;
    private final List<Integer> componentPorts;
    private final int distributionPort;
    private final Thread shutdownHook;
    private Process process;
    private boolean closed;

    private PrivateEjabberd(Builder settings) throws IOException {
        this.settings = settings;
        String reason = unavailableReason();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
        this.ejabberdctl = findEjabberdctl();
        this.temporary = settings.directory == null;
        this.directory = temporary ? Files.createTempDirectory("ejabberd-") : settings.directory;
        this.node = "imbridge" + HexFormat.of().formatHex(RANDOM.generateSeed(4)) + "@localhost";
        this.shutdownHook = new Thread(this::destroy, "ejabberd-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            Files.createDirectories(directory.resolve("spool"));
            List<Integer> ports = freePorts(2 + settings.componentListeners);
            this.c2sPort = ports.get(0);
            this.distributionPort = ports.get(1);
            this.componentPorts = List.copyOf(ports.subList(2, ports.size()));
            this.configFile = directory.resolve("ejabberd.yml");
            this.ctlConfigFile = directory.resolve("ejabberdctl.cfg");
            Files.writeString(configFile, config(), StandardCharsets.UTF_8);
            Files.writeString(ctlConfigFile, ctlConfig(), StandardCharsets.UTF_8);
            handOverToEjabberdUser();
        } catch (IOException | RuntimeException e) {
            destroy();
            throw e;
        }
    }

    /** @return a builder with the defaults: virtual host {@code localhost}, component {@code msn.localhost} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return null when a private ejabberd can run here, else why not in the admin's words: ejabberdctl
     *         is missing, or we are neither root nor the {@code ejabberd} user (Debian's ejabberdctl
     *         refuses everyone else)
     */
    public static String unavailableReason() {
        if (findEjabberdctl() == null) {
            return "ejabberd is not installed (no ejabberdctl on the PATH or in /usr/sbin); install it with: "
                    + INSTALL_HINT;
        }
        String user = System.getProperty("user.name");
        if (!"root".equals(user) && !EJABBERD_USER.equals(user)) {
            return "ejabberdctl runs only as root or as the user '" + EJABBERD_USER + "', not as '" + user + "'";
        }
        return null;
    }

    /** @return true when {@link #unavailableReason()} finds nothing in the way */
    public static boolean available() {
        return unavailableReason() == null;
    }

    /**
     * Starts the server (again, after {@link #kill()}) and waits until every port accepts connections.
     *
     * @throws IllegalStateException if it is running already, or exits or does not listen in time
     *                               (the message includes the end of its log)
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("this ejabberd is closed");
        }
        if (isRunning()) {
            throw new IllegalStateException("ejabberd is already running");
        }
        try {
            process = new ProcessBuilder(ctlCommand("--config", configFile.toString(), "--logs", directory.toString(),
                    "foreground"))
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("console.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ejabberdctl; install ejabberd with: " + INSTALL_HINT, e);
        }
        awaitListening(process);
    }

    private void awaitListening(Process started) {
        long deadline = System.nanoTime() + settings.startTimeout.toNanos();
        while (!allListening()) {
            if (!started.isAlive()) {
                throw new IllegalStateException("ejabberd exited with status " + started.exitValue() + "\n"
                        + diagnostics());
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("ejabberd did not listen within " + settings.startTimeout + "\n"
                        + diagnostics());
            }
            pause();
        }
    }

    private boolean allListening() {
        if (!accepts(c2sPort)) {
            return false;
        }
        return componentPorts.stream().allMatch(PrivateEjabberd::accepts);
    }

    /** Kills the server at once (SIGKILL to ejabberdctl, su and the Erlang VM) but keeps its directory and ports. */
    public synchronized void kill() {
        Process running = process;
        process = null;
        if (running == null) {
            return;
        }
        // snapshot first: once the parent dies its children are no longer its descendants
        List<ProcessHandle> tree = processTree(running);
        tree.forEach(ProcessHandle::destroyForcibly);
        tree.forEach(handle -> awaitExit(handle, Duration.ofSeconds(10)));
    }

    /** {@link #kill()} then {@link #start()}: same ports, same accounts. */
    public void restart() {
        kill();
        start();
    }

    /** @return true while the server process is alive */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Creates an account with {@code ejabberdctl register}.
     *
     * @param user     the local part, e.g. {@code alice}
     * @param password the password
     * @return the bare JID, e.g. {@code alice@localhost}
     * @throws IllegalStateException when ejabberdctl fails (with its output)
     */
    public String registerUser(String user, String password) {
        String output = runCtl("register " + user, "register", user, settings.virtualHost, password);
        if (!output.contains("successfully registered")) {
            throw new IllegalStateException("ejabberdctl register " + user + " failed: " + output.strip());
        }
        return user + "@" + settings.virtualHost;
    }

    /**
     * Runs an {@code ejabberdctl} command against this node, e.g. {@code registered_users localhost}.
     *
     * @param arguments the command and its arguments
     * @return its output
     * @throws IllegalStateException when it fails or does not finish in 30 s (with its output)
     */
    public String ctl(String... arguments) {
        return runCtl(String.join(" ", arguments), arguments);
    }

    private String runCtl(String description, String... arguments) {
        try {
            Path output = Files.createTempFile(directory, "ejabberdctl", ".out");
            try {
                Process ctl = new ProcessBuilder(ctlCommand(arguments)).directory(directory.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!ctl.waitFor(CTL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    processTree(ctl).forEach(ProcessHandle::destroyForcibly);
                    throw new IllegalStateException("ejabberdctl " + description + " did not finish within "
                            + CTL_TIMEOUT + "\n" + diagnostics());
                }
                String printed = Files.readString(output, StandardCharsets.UTF_8);
                if (ctl.exitValue() != 0) {
                    throw new IllegalStateException("ejabberdctl " + description + " failed with status "
                            + ctl.exitValue() + ": " + printed.strip());
                }
                return printed;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during ejabberdctl " + description, e);
        }
    }

    private List<String> ctlCommand(String... arguments) {
        List<String> command = new ArrayList<>(List.of(ejabberdctl, "--ctl-config", ctlConfigFile.toString(),
                "--spool", directory.resolve("spool").toString(), "--node", node));
        command.addAll(List.of(arguments));
        return command;
    }

    /** @return {@code 127.0.0.1} */
    public String host() {
        return "127.0.0.1";
    }

    /** @return the virtual host users live on, e.g. {@code localhost} */
    public String virtualHost() {
        return settings.virtualHost;
    }

    /** @return the component's domain, e.g. {@code msn.localhost} */
    public String componentDomain() {
        return settings.componentDomain;
    }

    /** @return the component's shared secret */
    public String componentSecret() {
        return settings.componentSecret;
    }

    /** @return the client-to-server port (plain, no TLS) */
    public int c2sPort() {
        return c2sPort;
    }

    /** @return the first component port */
    public int componentPort() {
        return componentPorts.get(0);
    }

    /** @return every component port, one per {@link Builder#componentListeners(int) listener} */
    public List<Integer> componentPorts() {
        return componentPorts;
    }

    /** @return the Erlang node name, e.g. {@code imbridge1a2b3c4d@localhost} */
    public String node() {
        return node;
    }

    /** @return the directory with config, spool and logs */
    public Path directory() {
        return directory;
    }

    /** @return the last lines of ejabberd's log, error log and console output, for failure messages */
    public String diagnostics() {
        return "--- ejabberd.log (tail) ---\n" + tail(directory.resolve("ejabberd.log"), 40)
                + "--- error.log (tail) ---\n" + tail(directory.resolve("error.log"), 20)
                + "--- console (tail) ---\n" + tail(directory.resolve("console.log"), 20);
    }

    /**
     * Stops the server and deletes a temporary directory. Idempotent. A server in a directory of the
     * caller's gets SIGTERM, which the Erlang VM takes as a clean shutdown (SIGKILL after 10 s); one in
     * a temporary directory, whose data is about to go anyway, is killed at once.
     */
    @Override
    public void close() {
        synchronized (this) {
            Process running = temporary ? null : process;
            if (running != null) {
                process = null;
                List<ProcessHandle> tree = processTree(running);
                tree.forEach(ProcessHandle::destroy);
                boolean stopped = tree.stream().allMatch(handle -> awaitExit(handle, GRACEFUL_STOP));
                if (!stopped) {
                    tree.forEach(ProcessHandle::destroyForcibly);
                    tree.forEach(handle -> awaitExit(handle, Duration.ofSeconds(10)));
                }
            }
        }
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook is running or has run
        }
    }

    private synchronized void destroy() {
        closed = true;
        kill();
        if (temporary) {
            deleteRecursively(directory);
        }
    }

    String config() {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Written by ").append(PrivateEjabberd.class.getName())
                .append("; the server runs in the foreground and only on loopback.\n")
                .append("hosts: [").append(yaml(settings.virtualHost)).append("]\n")
                .append("loglevel: ").append(settings.logLevel).append('\n')
                .append("log_rotate_count: 0\n")
                .append("hide_sensitive_log_data: true\n")
                .append("auth_method: internal\n")
                .append("auth_password_format: plain\n")
                .append("acl: {}\n")
                .append("access_rules:\n")
                .append("  c2s: {allow: all}\n")
                .append("  local: {allow: all}\n")
                .append("  register: {allow: all}\n")
                .append("shaper_rules: {}\n")
                .append("modules:\n");
        List<String> modules = new ArrayList<>(List.of("mod_roster", "mod_disco", "mod_ping"));
        modules.addAll(settings.extraModules);
        for (String module : modules) {
            yaml.append("  ").append(module).append(": {}\n");
        }
        settings.moduleOptions.forEach((module, options) -> {
            yaml.append("  ").append(module).append(":\n");
            options.forEach(line -> yaml.append("    ").append(line).append('\n'));
        });
        yaml.append("listen:\n")
                .append("  - port: ").append(c2sPort).append('\n')
                .append("    ip: \"127.0.0.1\"\n")
                .append("    module: ejabberd_c2s\n")
                .append("    access: c2s\n");
        for (int port : componentPorts) {
            yaml.append("  - port: ").append(port).append('\n')
                    .append("    ip: \"127.0.0.1\"\n")
                    .append("    module: ejabberd_service\n")
                    .append("    hosts:\n")
                    .append("      ").append(yaml(settings.componentDomain)).append(":\n")
                    .append("        password: ").append(yaml(settings.componentSecret)).append('\n');
            for (String line : settings.extraListenerConfig) {
                yaml.append("    ").append(line).append('\n');
            }
        }
        for (List<String> listener : settings.extraListeners) {
            for (int i = 0; i < listener.size(); i++) {
                yaml.append(i == 0 ? "  - " : "    ").append(listener.get(i)).append('\n');
            }
        }
        for (String line : settings.extraConfig) {
            yaml.append(line).append('\n');
        }
        return yaml.toString();
    }

    private String ctlConfig() {
        // Our own ejabberdctl.cfg, because the system's names /etc/ejabberd/ejabberd.yml, which would win
        // over --config. ERL_DIST_PORT: no epmd (see the class comment); the node listens on loopback only.
        return "ERL_OPTIONS=\"-env ERL_CRASH_DUMP_BYTES 0 -kernel inet_dist_use_interface {127,0,0,1}\"\n"
                + "EJABBERD_CONFIG_PATH=" + configFile + "\n"
                + "EJABBERD_PID_PATH=" + directory.resolve("ejabberd.pid") + "\n"
                + "CONTRIB_MODULES_PATH=" + directory.resolve("contrib") + "\n"
                + "ERL_DIST_PORT=" + distributionPort + "\n";
    }

    /** @return {@code value} as a double-quoted YAML scalar */
    public static String yaml(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** As root, ejabberdctl runs the server as the ejabberd user, which must write the spool and logs. */
    private void handOverToEjabberdUser() throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        UserPrincipal owner = directory.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(EJABBERD_USER);
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.toList()) {
                Files.setOwner(path, owner);
            }
        }
        // su must be able to reach the directory from a temporary parent
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static String findEjabberdctl() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + java.io.File.pathSeparator
                + "/usr/sbin";
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "ejabberdctl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static List<ProcessHandle> processTree(Process root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(0, root.toHandle());
        return tree;
    }

    /** Distinct free loopback ports, held open together so that none is handed out twice. */
    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for ejabberd to listen", e);
        }
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return !handle.isAlive();
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
        } catch (IOException e) {
            return "(no " + file.getFileName() + ")\n";
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort: a temp dir left behind is not worth failing for
                }
            });
        } catch (IOException e) {
            // best effort, as above
        }
    }

    /** Settings of a {@link PrivateEjabberd}; every setter returns this builder. */
    public static final class Builder {
        private String virtualHost = "localhost";
        private String componentDomain = "msn.localhost";
        private String componentSecret = "component-test-secret";
        private int componentListeners = 1;
        private String logLevel = "info";
        private Duration startTimeout = Duration.ofSeconds(30);
        private Path directory;
        private final List<String> extraModules = new ArrayList<>();
        private final java.util.Map<String, List<String>> moduleOptions = new java.util.LinkedHashMap<>();
        private final List<List<String>> extraListeners = new ArrayList<>();
        private final List<String> extraListenerConfig = new ArrayList<>();
        private final List<String> extraConfig = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param module  a module enabled with these options besides the defaults
         * @param options its option lines, e.g. {@code "max_size: 1000"} (indented by the writer)
         * @return this builder
         */
        public Builder module(String module, List<String> options) {
            this.moduleOptions.put(module, List.copyOf(options));
            return this;
        }

        /**
         * @param lines one more listener's lines, the first one {@code "port: N"} (indented by the writer;
         *              e.g. an {@code ejabberd_http} listener for mod_http_upload)
         * @return this builder
         */
        public Builder listener(List<String> lines) {
            this.extraListeners.add(List.copyOf(lines));
            return this;
        }

        /** @param host the virtual host users register on @return this builder */
        public Builder virtualHost(String host) {
            this.virtualHost = host;
            return this;
        }

        /** @param domain the external component's domain @return this builder */
        public Builder componentDomain(String domain) {
            this.componentDomain = domain;
            return this;
        }

        /** @param secret the component's shared secret @return this builder */
        public Builder componentSecret(String secret) {
            this.componentSecret = secret;
            return this;
        }

        /**
         * @param count how many {@code ejabberd_service} listeners (each on its own port) accept the
         *              component, e.g. several transport instances behind one domain
         * @return this builder
         */
        public Builder componentListeners(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("at least one component listener, not " + count);
            }
            this.componentListeners = count;
            return this;
        }

        /** @param level ejabberd's log level, e.g. {@code debug} @return this builder */
        public Builder logLevel(String level) {
            this.logLevel = level;
            return this;
        }

        /** @param module a module enabled (with default options) besides mod_roster, mod_disco, mod_ping @return this builder */
        public Builder extraModule(String module) {
            this.extraModules.add(module);
            return this;
        }

        /**
         * @param yamlLine a line added to every component listener, indented as its options
         *                 (e.g. {@code "max_stanza_size: 65536"})
         * @return this builder
         */
        public Builder extraListenerConfig(String yamlLine) {
            this.extraListenerConfig.add(yamlLine);
            return this;
        }

        /**
         * @param yamlLine a top-level line appended to the config (e.g. {@code domain_balancing:} and its
         *                 indented options)
         * @return this builder
         */
        public Builder extraConfig(String yamlLine) {
            this.extraConfig.add(yamlLine);
            return this;
        }

        /** @param timeout how long the server may take to listen @return this builder */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** @param dir a directory of the caller's, kept after {@link #close()}; default: a temporary one @return this builder */
        public Builder directory(Path dir) {
            this.directory = dir;
            return this;
        }

        /**
         * Writes the config and starts the server; on other free ports again (twice at most) when one
         * was taken between choosing it and ejabberd binding it.
         *
         * @return the running server
         * @throws IllegalStateException if ejabberd is missing or does not start (with its log)
         */
        public PrivateEjabberd start() {
            for (int attempt = 1; ; attempt++) {
                PrivateEjabberd server = create();
                try {
                    server.start();
                    return server;
                } catch (RuntimeException e) {
                    server.close();
                    boolean portTaken = e.getMessage() != null && e.getMessage().contains("eaddrinuse");
                    if (!portTaken || attempt == START_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }

        /** @return the server, configured but not started */
        public PrivateEjabberd create() {
            try {
                return new PrivateEjabberd(copy());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare a directory for ejabberd", e);
            }
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.virtualHost = virtualHost;
            copy.componentDomain = componentDomain;
            copy.componentSecret = componentSecret;
            copy.componentListeners = componentListeners;
            copy.logLevel = logLevel;
            copy.startTimeout = startTimeout;
            copy.directory = directory;
            copy.extraModules.addAll(extraModules);
            copy.moduleOptions.putAll(moduleOptions);
            copy.extraListeners.addAll(extraListeners);
            copy.extraListenerConfig.addAll(extraListenerConfig);
            copy.extraConfig.addAll(extraConfig);
            return copy;
        }
    }
}
