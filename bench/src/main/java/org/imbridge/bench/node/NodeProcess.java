package org.imbridge.bench.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A node (transport or relay) in its own JVM, started from the driver with the same class path, so
 * that its CPU, heap, threads and descriptors are its own and not the load generator's. Its stderr
 * goes to a log file; its stdout carries the {@code READY} / {@code STATS} lines of {@link NodeMain}.
 */
public final class NodeProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer commands;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Path log;

    private NodeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readLines, "node-stdout");
        reader.setDaemon(true);
        reader.start();
        process.onExit().thenRun(() -> ready.completeExceptionally(
                new IllegalStateException("node exited with " + process.exitValue() + "; see " + log)));
    }

    /**
     * Starts {@code NodeMain kind args…} with {@code jvmArgs} and waits for it to be ready.
     *
     * @return the process; {@link #readyLine()} holds what it printed after READY
     */
    public static NodeProcess start(String kind, List<String> jvmArgs, List<String> args, Path log, Duration timeout)
            throws IOException {
        return start(List.of(), kind, jvmArgs, args, log, timeout);
    }

    /** As {@link #start(String, List, List, Path, Duration)}, the JVM run by {@code prefix} (e.g. taskset). */
    public static NodeProcess start(List<String> prefix, String kind, List<String> jvmArgs, List<String> args, Path log,
                                    Duration timeout) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NodeMain.class.getName());
        command.add(kind);
        command.addAll(args);
        java.nio.file.Files.createDirectories(log.toAbsolutePath().getParent());
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        NodeProcess node = new NodeProcess(p, log);
        try {
            node.ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            node.kill();
            throw new IOException("the " + kind + " node did not start within " + timeout + " (log: " + log + "): "
                    + e.getMessage(), e);
        }
        return node;
    }

    public String readyLine() {
        return ready.join();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Asks for stats; {@code gc} first runs full collections in the node. */
    public NodeStats stats(boolean gc) {
        String line = ask(gc ? "gcstats" : "stats", Duration.ofSeconds(60));
        try {
            return JSON.readValue(line.substring("STATS ".length()), NodeStats.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized String ask(String command, Duration timeout) {
        try {
            replies.clear();
            commands.write(command + "\n");
            commands.flush();
            String line = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new IllegalStateException("the node did not answer '" + command + "' within " + timeout
                        + " (log: " + log + ")");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("the node is gone (log: " + log + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("READY")) {
                    ready.complete(line.substring(5).trim());
                } else if (line.startsWith("STATS ") || line.startsWith("BYE") || line.startsWith("ERROR")) {
                    replies.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Asks the node to stop cleanly (it logs its users out), then makes sure it is gone. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                ask("quit", Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                // killed below
            }
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** Kills the node at once (SIGKILL on Unix): no logout, no stream end, sockets closed by the kernel. */
    public void killNow() {
        kill();
    }

    private void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
