package org.imbridge.prosody;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * A private Prosody: its own config, data, certificate and log in a directory of ours, listening on
 * 127.0.0.1 only (client and component ports; no s2s, no HTTP), in the foreground so that the
 * process we started is the server. The demo runs one for its users, the tests one per class or
 * test; the system's own Prosody, if one runs, is left alone.
 *
 * <pre>
 * try (PrivateProsody prosody = PrivateProsody.builder().privilege(true).start()) {
 *     prosody.registerUser("alice", "secret");
 *     // component: prosody.componentDomain(), componentSecret(), host(), componentPort()
 * }
 * </pre>
 *
 * <p>Without {@link Builder#directory(Path)} the directory is a temporary one, deleted by
 * {@link #close()} and by a shutdown hook if the JVM ends first. {@link #kill()} and {@link #start()}
 * stop and restart the same server (same ports, same data). Needs the Debian packages {@code prosody}
 * and, for {@link Builder#privilege(boolean)}, {@code prosody-modules}; {@code openssl} or the JDK's
 * {@code keytool} for the certificate.
 */
public final class PrivateProsody implements AutoCloseable {

    /** How to install what it needs on Debian. */
    public static final String INSTALL_HINT = "apt-get install -y prosody prosody-modules";
    /** Where Debian's prosody-modules puts community modules such as mod_privilege. */
    static final Path COMMUNITY_MODULES = Path.of("/usr/lib/prosody/modules");
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(5);

    private final Builder settings;
    private final Path directory;
    private final boolean temporary;
    private final Path configFile;
    private final int c2sPort;
    private final int componentPort;
    private final Thread shutdownHook;
    private Process process;
    private boolean closed;

    private PrivateProsody(Builder settings) throws IOException {
        this.settings = settings;
        requireExecutable("prosody");
        requireExecutable("prosodyctl");
        if (settings.privilege && !privilegeInstalled()) {
            throw new IllegalStateException("mod_privilege is not installed (looked in " + COMMUNITY_MODULES
                    + "); install it with: " + INSTALL_HINT);
        }
        this.temporary = settings.directory == null;
        this.directory = temporary ? Files.createTempDirectory("prosody-") : settings.directory;
        this.shutdownHook = new Thread(this::destroy, "prosody-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            Files.createDirectories(directory.resolve("data"));
            SelfSignedCertificate.copyTo(directory.resolve("certs"), settings.virtualHost, settings.componentDomain);
            this.c2sPort = settings.preferredC2sPort > 0 && isFree(settings.preferredC2sPort)
                    ? settings.preferredC2sPort : freePort();
            this.componentPort = freePort();
            this.configFile = directory.resolve("prosody.cfg.lua");
            Files.writeString(configFile, config(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            destroy();
            throw e;
        }
    }

    /** @return a builder with the defaults: virtual host {@code localhost}, component {@code msn.localhost} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return true when {@code prosody} and {@code prosodyctl} are on the PATH */
    public static boolean installed() {
        return findExecutable("prosody") != null && findExecutable("prosodyctl") != null;
    }

    /** @return true when mod_privilege (Debian's prosody-modules) is installed, for {@link Builder#privilege} */
    public static boolean privilegeInstalled() {
        return Files.exists(COMMUNITY_MODULES.resolve("mod_privilege/mod_privilege.lua"))
                || Files.exists(COMMUNITY_MODULES.resolve("mod_privilege.lua"));
    }

    /** @return true when nothing listens on this loopback port */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts the server (again, after {@link #kill()}) and waits until both ports accept connections.
     *
     * @throws IllegalStateException if it is running already, or exits or does not listen in time
     *                               (the message includes the end of its log)
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("this Prosody is closed");
        }
        if (isRunning()) {
            throw new IllegalStateException("Prosody is already running");
        }
        List<String> command = new ArrayList<>();
        if (settings.ownSession && findExecutable("setsid") != null) {
            // Ctrl-C in the terminal then reaches only the JVM, which stops Prosody after the
            // transport has said goodbye to everyone.
            command.add("setsid");
        }
        command.addAll(List.of("prosody", "--config", configFile.toString()));
        try {
            process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("console.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run prosody; install it with: " + INSTALL_HINT, e);
        }
        awaitListening(process);
    }

    private void awaitListening(Process started) {
        long deadline = System.nanoTime() + settings.startTimeout.toNanos();
        while (!(accepts(c2sPort) && accepts(componentPort))) {
            if (!started.isAlive()) {
                throw new IllegalStateException("Prosody exited with status " + started.exitValue() + "\n"
                        + diagnostics());
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("Prosody did not listen within " + settings.startTimeout + "\n"
                        + diagnostics());
            }
            pause();
        }
    }

    /** Kills the server process at once (SIGKILL, children too) but keeps its directory and ports. */
    public synchronized void kill() {
        Process running = process;
        process = null;
        if (running == null) {
            return;
        }
        running.descendants().forEach(ProcessHandle::destroyForcibly);
        running.destroyForcibly();
        awaitExit(running, Duration.ofSeconds(10));
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
     * Creates an account with {@code prosodyctl register}.
     *
     * @param user     the local part, e.g. {@code alice}
     * @param password the password
     * @return the bare JID, e.g. {@code alice@localhost}
     * @throws IllegalStateException when prosodyctl fails (with its output)
     */
    public String registerUser(String user, String password) {
        List<String> command = List.of("prosodyctl", "--config", configFile.toString(), "register", user,
                settings.virtualHost, password);
        try {
            Path output = directory.resolve("prosodyctl.out");
            Process ctl = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!ctl.waitFor(30, TimeUnit.SECONDS)) {
                ctl.destroyForcibly();
                throw new IllegalStateException("prosodyctl register " + user + " did not finish");
            }
            if (ctl.exitValue() != 0) {
                throw new IllegalStateException("prosodyctl register " + user + " failed with status "
                        + ctl.exitValue() + ": " + Files.readString(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering " + user, e);
        }
        return user + "@" + settings.virtualHost;
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

    /** @return the client-to-server port */
    public int c2sPort() {
        return c2sPort;
    }

    /** @return the component port */
    public int componentPort() {
        return componentPort;
    }

    /** @return the directory with config, data, certificates and log */
    public Path directory() {
        return directory;
    }

    /** @return the last lines of Prosody's log and console output, for failure messages */
    public String diagnostics() {
        return "--- prosody.log (tail) ---\n" + tail(directory.resolve("prosody.log"), 40)
                + "--- console (tail) ---\n" + tail(directory.resolve("console.log"), 20);
    }

    /**
     * Stops the server (SIGTERM, SIGKILL after 5 s) and deletes a temporary directory. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            Process running = process;
            process = null;
            if (running != null) {
                running.destroy();
                if (!awaitExit(running, GRACEFUL_STOP)) {
                    running.descendants().forEach(ProcessHandle::destroyForcibly);
                    running.destroyForcibly();
                    awaitExit(running, Duration.ofSeconds(10));
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
        String dir = directory.toString();
        StringBuilder lua = new StringBuilder();
        lua.append("-- Written by ").append(PrivateProsody.class.getName())
                .append("; the server runs in the foreground and only on loopback.\n")
                .append("daemonize = false\n")
                .append("run_as_root = true\n")
                .append("modules_disabled = { \"s2s\", \"posix\" }  -- no federation, no forking or pid file\n")
                .append("plugin_paths = { ").append(lua(COMMUNITY_MODULES.toString())).append(" }\n")
                .append("modules_enabled = { ");
        List<String> modules = new ArrayList<>(List.of("roster", "saslauth", "tls", "disco", "register", "ping"));
        modules.addAll(settings.extraModules);
        lua.append(String.join(", ", modules.stream().map(PrivateProsody::lua).toList())).append(" }\n")
                .append("interfaces = { \"127.0.0.1\" }\n")
                .append("local_interfaces = { \"127.0.0.1\" }\n")
                .append("component_interfaces = { \"127.0.0.1\" }\n")
                .append("c2s_ports = { ").append(c2sPort).append(" }\n")
                .append("component_ports = { ").append(componentPort).append(" }\n")
                .append("s2s_ports = { }\n")
                .append("http_ports = { }\n")
                .append("https_ports = { }\n")
                .append("c2s_direct_tls_ports = { }\n")
                .append("legacy_ssl_ports = { }\n")
                .append("data_path = ").append(lua(dir + "/data")).append('\n')
                .append("certificates = ").append(lua(dir + "/certs")).append("  -- self-signed\n")
                .append("log = { { levels = { min = ").append(lua(settings.logLevel))
                .append(" }, to = \"file\", filename = ").append(lua(dir + "/prosody.log")).append(" } }\n")
                .append("storage = \"internal\"\n")
                .append("authentication = ").append(lua(settings.authentication)).append('\n')
                .append("allow_registration = true  -- clients may create accounts (loopback only)\n")
                .append("min_seconds_between_registrations = 0\n")
                .append("c2s_require_encryption = false\n")
                .append("allow_unencrypted_plain_auth = true\n");
        for (String line : settings.extraGlobalConfig) {
            lua.append(line).append('\n');
        }
        lua.append("\nVirtualHost ").append(lua(settings.virtualHost)).append('\n');
        if (settings.privilege) {
            // mod_privilege must run on the host (it reads privileged_entities there) and on the component.
            lua.append("  modules_enabled = { \"privilege\" }\n")
                    .append("  privileged_entities = { [").append(lua(settings.componentDomain))
                    .append("] = { roster = \"both\"; message = \"outgoing\"; presence = \"roster\" } }\n");
        }
        lua.append('\n').append(settings.componentSection.apply(settings.componentDomain, settings.componentSecret));
        if (settings.privilege) {
            lua.append("  modules_enabled = { \"privilege\" }\n");
        }
        return lua.toString();
    }

    /** @return {@code value} as a Lua string literal */
    public static String lua(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String defaultComponentSection(String domain, String secret) {
        return "Component " + lua(domain) + "\n  component_secret = " + lua(secret) + "\n";
    }

    static String requireExecutable(String name) {
        String found = findExecutable(name);
        if (found == null) {
            throw new IllegalStateException("'" + name + "' is not on the PATH: a private Prosody needs it;"
                    + " install it with: " + INSTALL_HINT);
        }
        return found;
    }

    static String findExecutable(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
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
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Prosody to listen", e);
        }
    }

    private static boolean awaitExit(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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

    /** Settings of a {@link PrivateProsody}; every setter returns this builder. */
    public static final class Builder {
        private String virtualHost = "localhost";
        private String componentDomain = "msn.localhost";
        private String componentSecret = "component-test-secret";
        private boolean privilege;
        private String logLevel = "info";
        private String authentication = "internal_plain";
        private Duration startTimeout = Duration.ofSeconds(15);
        private Path directory;
        private int preferredC2sPort;
        private boolean ownSession;
        private BiFunction<String, String, String> componentSection = PrivateProsody::defaultComponentSection;
        private final List<String> extraModules = new ArrayList<>();
        private final List<String> extraGlobalConfig = new ArrayList<>();

        private Builder() {
        }

        /** @param host the VirtualHost users register on @return this builder */
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
         * @param section makes the config's component section from the domain and the secret, e.g. the
         *                snippet admins are given; by default a {@code Component} line and its secret
         * @return this builder
         */
        public Builder componentSection(BiFunction<String, String, String> section) {
            this.componentSection = section;
            return this;
        }

        /**
         * @param enabled grant the component XEP-0356 privileges (roster both, message outgoing,
         *                presence roster) with mod_privilege from prosody-modules
         * @return this builder
         */
        public Builder privilege(boolean enabled) {
            this.privilege = enabled;
            return this;
        }

        /** @param level Prosody's minimum log level, e.g. {@code debug} @return this builder */
        public Builder logLevel(String level) {
            this.logLevel = level;
            return this;
        }

        /**
         * @param provider Prosody's {@code authentication}: {@code internal_plain} (the default, quick)
         *                 or {@code internal_hashed}
         * @return this builder
         */
        public Builder authentication(String provider) {
            this.authentication = provider;
            return this;
        }

        /** @param module a module enabled besides the basic set @return this builder */
        public Builder extraModule(String module) {
            this.extraModules.add(module);
            return this;
        }

        /** @param timeout how long the server may take to listen @return this builder */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** @param luaLine a line appended to the global section of the config @return this builder */
        public Builder extraGlobalConfig(String luaLine) {
            this.extraGlobalConfig.add(luaLine);
            return this;
        }

        /** @param dir a directory of the caller's, kept after {@link #close()}; default: a temporary one @return this builder */
        public Builder directory(Path dir) {
            this.directory = dir;
            return this;
        }

        /** @param port the client port to use when it is free (e.g. 5222), else a free one @return this builder */
        public Builder preferredC2sPort(int port) {
            this.preferredC2sPort = port;
            return this;
        }

        /** @param enabled run Prosody in a session of its own (setsid), away from the terminal's Ctrl-C @return this builder */
        public Builder ownSession(boolean enabled) {
            this.ownSession = enabled;
            return this;
        }

        /**
         * Writes the config and starts the server.
         *
         * @return the running server
         * @throws IllegalStateException if Prosody is missing or does not start (with its log)
         */
        public PrivateProsody start() {
            PrivateProsody server = create();
            try {
                server.start();
                return server;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }

        /** @return the server, configured but not started */
        public PrivateProsody create() {
            try {
                return new PrivateProsody(copy());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare a directory for Prosody", e);
            }
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.virtualHost = virtualHost;
            copy.componentDomain = componentDomain;
            copy.componentSecret = componentSecret;
            copy.privilege = privilege;
            copy.logLevel = logLevel;
            copy.authentication = authentication;
            copy.startTimeout = startTimeout;
            copy.directory = directory;
            copy.preferredC2sPort = preferredC2sPort;
            copy.ownSession = ownSession;
            copy.componentSection = componentSection;
            copy.extraModules.addAll(extraModules);
            copy.extraGlobalConfig.addAll(extraGlobalConfig);
            return copy;
        }
    }
}
