package org.imbridge.app.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One packaged jar ({@code java -jar …}) run as a child process, as an operator runs it: started,
 * killed with SIGKILL, stopped with SIGTERM and started again with the same arguments (same ports,
 * same data). Everything it prints goes to one log file, appended across restarts, so a test can read
 * the whole history. The suite's only process helper; Prosody has its own ({@code PrivateProsody}).
 */
final class ChildJvm implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;

    /**
     * @param jvmOptions e.g. {@code -Xmx96m}
     * @param jar        the runnable jar
     * @param args       its arguments
     * @param log        where stdout and stderr go (appended)
     */
    ChildJvm(String name, List<String> jvmOptions, Path jar, List<String> args, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the suite runs after `mvn package`");
        }
        this.name = name;
        this.log = log;
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.addAll(jvmOptions);
        c.add("-jar");
        c.add(jar.toString());
        c.addAll(args);
        this.command = List.copyOf(c);
    }

    synchronized ChildJvm start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        return this;
    }

    /** SIGKILL: no shutdown hook, no goodbye on any socket. */
    synchronized void kill9() throws InterruptedException {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + p.pid() + ") survived SIGKILL");
        }
    }

    /**
     * SIGTERM, then waits up to {@code bound}.
     *
     * @return how long it took to exit, or null if it was still running at {@code bound} (it is then killed)
     */
    synchronized Duration terminate(Duration bound) throws InterruptedException {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return Duration.ZERO;
        }
        long start = System.nanoTime();
        p.destroy();
        if (p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            return Duration.ofNanos(System.nanoTime() - start);
        }
        kill9();
        return null;
    }

    /** The exit status of the process last started, once it has exited (143 after SIGTERM), else -1. */
    synchronized int exitStatus() {
        return process == null || process.isAlive() ? -1 : process.exitValue();
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long logBytes() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of lines of the log containing {@code text}. */
    long linesContaining(String text) {
        return log().lines().filter(line -> line.contains(text)).count();
    }

    /** The last lines of the log, for assertion messages. */
    String tail(int lines) {
        List<String> all = log().lines().toList();
        return name + " log, last lines:\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        try {
            if (terminate(Duration.ofSeconds(10)) == null) {
                System.err.println(name + " did not stop on SIGTERM within 10 s; killed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A loopback port free right now (for servers that must keep their port across restarts). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
