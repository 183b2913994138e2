package org.imbridge.xmpp.launcher.demo;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A private Prosody for the demo: its own config, data, certificate and log in a directory of
 * ours, listening on 127.0.0.1 only (client and component ports; no s2s, no HTTP), in the
 * foreground so that the process we started is the server and {@link #close()} stops it.
 *
 * <p>What such an instance needs (each line of {@link #config()} says why) was learnt with the test
 * harness; the system's own Prosody, if one runs, is left alone. The component section is the
 * snippet admins are given ({@code config/prosody/imbridge.cfg.lua}), so the demo and its test
 * check that snippet with a real server.
 */
public final class LocalProsody implements AutoCloseable {

    /** Where Debian installs the server. */
    public static final String INSTALL_HINT = "apt-get install -y prosody";

    /** The component section from config/prosody/, as the README tells admins to use it. */
    static final String SNIPPET = "prosody/imbridge.cfg.lua";
    private static final String SNIPPET_DOMAIN = "msn.example.org";
    private static final String SNIPPET_SECRET = "CHANGE-ME";

    private final Path directory;
    private final String virtualHost;
    private final String componentDomain;
    private final String componentSecret;
    private final int c2sPort;
    private final int componentPort;
    private final Path configFile;
    private Process process;

    private LocalProsody(Path directory, String virtualHost, String componentDomain, String componentSecret,
                         int c2sPort, int componentPort) {
        this.directory = directory;
        this.virtualHost = virtualHost;
        this.componentDomain = componentDomain;
        this.componentSecret = componentSecret;
        this.c2sPort = c2sPort;
        this.componentPort = componentPort;
        this.configFile = directory.resolve("prosody.cfg.lua");
    }

    /** A server not started, for looking at the config it would write (tests). */
    static LocalProsody demoConfigFor(String componentDomain, String componentSecret) {
        return new LocalProsody(Path.of("."), "localhost", componentDomain, componentSecret, 5222, 5347);
    }

    /** @return the path of {@code prosody}, or empty when it is not installed */
    public static Optional<Path> installed() {
        return executable("prosody").flatMap(p -> executable("prosodyctl").map(c -> p));
    }

    /**
     * Writes the config (and a self-signed certificate) into {@code directory} and starts the server.
     *
     * @param directory        an empty directory of ours
     * @param virtualHost      the users' domain, e.g. {@code localhost}
     * @param componentDomain  the transport's domain, e.g. {@code msn.localhost}
     * @param componentSecret  the component's shared secret
     * @param preferredC2sPort the client port to use when free (5222), else a free one; 0 for any
     * @param startTimeout     how long the server may take to listen
     * @return the running server
     * @throws IOException when it cannot be set up or does not start (the message has its log's end)
     */
    public static LocalProsody start(Path directory, String virtualHost, String componentDomain,
                                     String componentSecret, int preferredC2sPort, Duration startTimeout)
            throws IOException {
        if (installed().isEmpty()) {
            throw new IOException("Prosody is not installed; install it with: " + INSTALL_HINT);
        }
        int c2s = preferredC2sPort > 0 && isFree(preferredC2sPort) ? preferredC2sPort : freePort();
        int component = freePort();
        LocalProsody prosody = new LocalProsody(directory, virtualHost, componentDomain, componentSecret, c2s,
                component);
        Files.createDirectories(directory.resolve("data"));
        SelfSignedCertificate.writeTo(directory.resolve("certs"), virtualHost, componentDomain);
        Files.writeString(prosody.configFile, prosody.config(), StandardCharsets.UTF_8);
        prosody.launch(startTimeout);
        return prosody;
    }

    private void launch(Duration startTimeout) throws IOException {
        // In a session of its own (setsid), so that Ctrl-C in the terminal reaches only us: we stop
        // Prosody after the transport has said goodbye to everyone.
        List<String> command = executable("setsid").isPresent()
                ? List.of("setsid", "prosody", "--config", configFile.toString())
                : List.of("prosody", "--config", configFile.toString());
        process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("console.log").toFile()))
                .start();
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (!(accepts(c2sPort) && accepts(componentPort))) {
            if (!process.isAlive()) {
                throw new IOException("Prosody exited with status " + process.exitValue() + "\n" + diagnostics());
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IOException("Prosody did not listen within " + startTimeout + "\n" + diagnostics());
            }
            pause(50);
        }
    }

    /**
     * Creates an account with {@code prosodyctl register}.
     *
     * @return the bare JID
     * @throws IOException when prosodyctl fails (with its output)
     */
    public String registerUser(String user, String password) throws IOException {
        Path output = directory.resolve("prosodyctl.out");
        Process ctl = new ProcessBuilder("prosodyctl", "--config", configFile.toString(), "register", user,
                virtualHost, password)
                .directory(directory.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!ctl.waitFor(30, TimeUnit.SECONDS)) {
                ctl.destroyForcibly();
                throw new IOException("prosodyctl register " + user + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while registering " + user, e);
        }
        if (ctl.exitValue() != 0) {
            throw new IOException("prosodyctl register " + user + " failed with status " + ctl.exitValue() + ": "
                    + Files.readString(output));
        }
        return user + "@" + virtualHost;
    }

    public String host() {
        return "127.0.0.1";
    }

    public String virtualHost() {
        return virtualHost;
    }

    public String componentDomain() {
        return componentDomain;
    }

    public String componentSecret() {
        return componentSecret;
    }

    public int c2sPort() {
        return c2sPort;
    }

    public int componentPort() {
        return componentPort;
    }

    /** @return the end of Prosody's log and console output */
    public String diagnostics() {
        return "--- prosody.log (tail) ---\n" + tail(directory.resolve("prosody.log"), 30)
                + "--- console (tail) ---\n" + tail(directory.resolve("console.log"), 10);
    }

    /** Stops the server (SIGTERM, then SIGKILL after 5 s). Idempotent. */
    @Override
    public synchronized void close() {
        Process running = process;
        process = null;
        if (running == null) {
            return;
        }
        running.destroy();
        try {
            if (!running.waitFor(5, TimeUnit.SECONDS)) {
                running.descendants().forEach(ProcessHandle::destroyForcibly);
                running.destroyForcibly();
                running.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String config() {
        String dir = directory.toString();
        return String.join("\n",
                "-- Written by IMBridge's demo; the server runs in the foreground and only on loopback.",
                "daemonize = false",
                "run_as_root = true                       -- the demo may run as root",
                "modules_disabled = { \"s2s\", \"posix\" }  -- no federation, no forking or pid file",
                "modules_enabled = { \"roster\", \"saslauth\", \"tls\", \"disco\", \"register\", \"ping\", \"private\","
                        + " \"vcard\", \"version\", \"carbons\" }",
                "interfaces = { \"127.0.0.1\" }",
                "local_interfaces = { \"127.0.0.1\" }",
                "component_interfaces = { \"127.0.0.1\" }",
                "c2s_ports = { " + c2sPort + " }",
                "component_ports = { " + componentPort + " }",
                "s2s_ports = { }",
                "http_ports = { }",
                "https_ports = { }",
                "c2s_direct_tls_ports = { }",
                "legacy_ssl_ports = { }",
                "data_path = " + lua(dir + "/data"),
                "certificates = " + lua(dir + "/certs") + "     -- self-signed: clients will ask to trust it",
                "log = { { levels = { min = \"info\" }, to = \"file\", filename = " + lua(dir + "/prosody.log") + " } }",
                "storage = \"internal\"",
                "authentication = \"internal_hashed\"",
                "allow_registration = true               -- clients may create more accounts (loopback only)",
                "min_seconds_between_registrations = 0",
                "c2s_require_encryption = false",
                "allow_unencrypted_plain_auth = true",
                "",
                "VirtualHost " + lua(virtualHost),
                "",
                componentSection());
    }

    /** The snippet admins are given (config/prosody/imbridge.cfg.lua), with our domain and secret. */
    String componentSection() {
        String snippet;
        try (InputStream in = LocalProsody.class.getResourceAsStream(SNIPPET)) {
            if (in == null) {
                throw new IllegalStateException(SNIPPET + " is not in the jar; rebuild with mvn package");
            }
            snippet = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!snippet.contains("Component \"" + SNIPPET_DOMAIN + "\"") || !snippet.contains("\"" + SNIPPET_SECRET + "\"")) {
            throw new IllegalStateException(SNIPPET + " no longer has Component \"" + SNIPPET_DOMAIN
                    + "\" with component_secret \"" + SNIPPET_SECRET + "\"");
        }
        return snippet.replace("\"" + SNIPPET_DOMAIN + "\"", lua(componentDomain))
                .replace("\"" + SNIPPET_SECRET + "\"", lua(componentSecret));
    }

    private static String lua(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static Optional<Path> executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
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

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for Prosody", e);
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
}
