package org.imbridge.xmpp.testing;

import static org.awaitility.Awaitility.await;

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
import java.util.stream.Stream;

import org.imbridge.xmpp.stream.ComponentConfig;
import org.imbridge.xmpp.stream.StanzaCodec;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * A private, throwaway Prosody for tests: its own config, data, certificate and log in a temp
 * directory, listening on 127.0.0.1 on free ports (client and component), no s2s or HTTP.
 *
 * <pre>
 * try (ProsodyServer prosody = ProsodyServer.builder().privilege(true).start()) {
 *     prosody.registerUser("alice", "secret");
 *     ComponentConfig config = prosody.componentConfig().build();
 *     XMPPTCPConnection client = prosody.newClient("alice", "secret");
 * }
 * </pre>
 *
 * <p>The process is killed and the directory deleted by {@link #close()}, and by a shutdown hook if
 * a test run is aborted; {@link ProsodyExtension} does it around tests. {@link #kill()} and
 * {@link #start()} stop and restart the same server (same ports, same data) to test reconnection.
 * Needs the Debian packages {@code prosody} and, for {@link Builder#privilege(boolean)},
 * {@code prosody-modules}; {@code openssl} or the JDK's {@code keytool} for the certificate.
 */
public final class ProsodyServer implements AutoCloseable {

    /** Where Debian's prosody-modules puts community modules such as mod_privilege. */
    static final Path COMMUNITY_MODULES = Path.of("/usr/lib/prosody/modules");
    private static final String INSTALL_HINT = "apt-get install -y prosody prosody-modules";

    private final Builder settings;
    private final Path directory;
    private final Path configFile;
    private final int c2sPort;
    private final int componentPort;
    private final Thread shutdownHook;
    private Process process;
    private boolean closed;

    private ProsodyServer(Builder settings) throws IOException {
        this.settings = settings;
        requireExecutable("prosody");
        requireExecutable("prosodyctl");
        if (settings.privilege && !Files.exists(COMMUNITY_MODULES.resolve("mod_privilege/mod_privilege.lua"))
                && !Files.exists(COMMUNITY_MODULES.resolve("mod_privilege.lua"))) {
            throw new IllegalStateException("mod_privilege is not installed (looked in " + COMMUNITY_MODULES
                    + "); install it with: " + INSTALL_HINT);
        }
        this.directory = Files.createTempDirectory("prosody-test-");
        this.shutdownHook = new Thread(this::destroy, "prosody-test-cleanup");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            Files.createDirectories(directory.resolve("data"));
            TestCertificate.writeTo(directory.resolve("certs"), settings.virtualHost, settings.componentDomain);
            this.c2sPort = freePort();
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

    /**
     * Starts the server (again, after {@link #kill()}) and waits until both ports accept connections.
     *
     * @throws IllegalStateException if it is running already, or exits or does not listen in time
     *                               (the message includes the end of its log)
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("this Prosody test server is closed");
        }
        if (isRunning()) {
            throw new IllegalStateException("Prosody is already running");
        }
        try {
            process = new ProcessBuilder("prosody", "--config", configFile.toString())
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("console.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run prosody; install it with: " + INSTALL_HINT, e);
        }
        Process started = process;
        try {
            await("Prosody listening on ports " + c2sPort + " and " + componentPort)
                    .atMost(settings.startTimeout)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        if (!started.isAlive()) {
                            throw new IllegalStateException("Prosody exited with status " + started.exitValue()
                                    + "\n" + diagnostics());
                        }
                        return accepts(c2sPort) && accepts(componentPort);
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            kill();
            throw new IllegalStateException("Prosody did not listen within " + settings.startTimeout + "\n"
                    + diagnostics(), e);
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
        try {
            if (!running.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Prosody (pid " + running.pid() + ") did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    /** @return a component config for this server: its domain, secret, host and component port */
    public ComponentConfig.Builder componentConfig() {
        return ComponentConfig.builder(settings.componentDomain, settings.componentSecret)
                .host(host())
                .port(componentPort);
    }

    /**
     * A Smack client for an account on this server: plain TCP on loopback, no TLS (Smack ignores the
     * offered STARTTLS), not yet connected.
     *
     * @param user     the local part
     * @param password the password
     * @return the client; connect and log in with {@code connect().login()}
     */
    public XMPPTCPConnection newClient(String user, String password) {
        StanzaCodec.initialize(); // the same Smack parser set-up as the component
        try {
            return new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(settings.virtualHost)
                    .setHost(host())
                    .setPort(c2sPort)
                    .setSecurityMode(SecurityMode.disabled)
                    .setUsernameAndPassword(user, password)
                    .setResource("test")
                    .setConnectTimeout(10_000)
                    .build());
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException(e);
        }
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

    /** @return the temp directory with config, data, certificates and log */
    public Path directory() {
        return directory;
    }

    /** @return the last lines of Prosody's log and console output, for failure messages */
    public String diagnostics() {
        return "--- prosody.log (tail) ---\n" + tail(directory.resolve("prosody.log"), 40)
                + "--- console (tail) ---\n" + tail(directory.resolve("console.log"), 20);
    }

    /** Kills the server and deletes its directory. Idempotent. */
    @Override
    public void close() {
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
        deleteRecursively(directory);
    }

    private String config() {
        String dir = directory.toString();
        StringBuilder lua = new StringBuilder();
        lua.append("-- Written by ").append(ProsodyServer.class.getName()).append(" for one test run.\n")
                .append("daemonize = false\n")
                .append("run_as_root = true\n")
                .append("modules_disabled = { \"s2s\", \"posix\" }\n")
                .append("plugin_paths = { ").append(lua(COMMUNITY_MODULES.toString())).append(" }\n")
                .append("modules_enabled = { \"roster\", \"saslauth\", \"tls\", \"disco\", \"register\", \"ping\" }\n")
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
                .append("certificates = ").append(lua(dir + "/certs")).append('\n')
                .append("log = { { levels = { min = ").append(lua(settings.logLevel)).append(" }, to = \"file\", filename = ")
                .append(lua(dir + "/prosody.log")).append(" } }\n")
                .append("storage = \"internal\"\n")
                .append("authentication = \"internal_plain\"\n")
                .append("allow_registration = true\n")
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
        lua.append("\nComponent ").append(lua(settings.componentDomain)).append('\n')
                .append("  component_secret = ").append(lua(settings.componentSecret)).append('\n');
        if (settings.privilege) {
            lua.append("  modules_enabled = { \"privilege\" }\n");
        }
        return lua.toString();
    }

    private static String lua(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static String requireExecutable(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("'" + name + "' is not on the PATH: the XMPP tests need a local Prosody;"
                + " install it with: " + INSTALL_HINT);
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
                    // best effort: a temp dir left behind is not worth failing a test for
                }
            });
        } catch (IOException e) {
            // best effort, as above
        }
    }

    /** Settings of a {@link ProsodyServer}; every setter returns this builder. */
    public static final class Builder {
        private String virtualHost = "localhost";
        private String componentDomain = "msn.localhost";
        private String componentSecret = "component-test-secret";
        private boolean privilege;
        private String logLevel = "info";
        private Duration startTimeout = Duration.ofSeconds(15);
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

        /**
         * Writes the config and starts the server.
         *
         * @return the running server
         * @throws IllegalStateException if Prosody is missing or does not start (with its log)
         */
        public ProsodyServer start() {
            ProsodyServer server = create();
            try {
                server.start();
                return server;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }

        /** @return the server, configured but not started */
        public ProsodyServer create() {
            try {
                return new ProsodyServer(copy());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare a Prosody test directory", e);
            }
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.virtualHost = virtualHost;
            copy.componentDomain = componentDomain;
            copy.componentSecret = componentSecret;
            copy.privilege = privilege;
            copy.logLevel = logLevel;
            copy.startTimeout = startTimeout;
            copy.extraGlobalConfig.addAll(extraGlobalConfig);
            return copy;
        }
    }
}
