package org.imbridge.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JVM the driver runs in. The driver hosts our MSN network for every user, the fake XMPP server
 * and the load, and every message's latency includes its pauses: on a 2-core machine the JVM picks
 * G1, whose young pauses in the driver were 28–48 ms every 12 s at 5,000 msgs/s; the parallel
 * collector paused 15–33 ms every 15 s (the driver has one core). A pause also holds the load back,
 * which then leaves as one burst that the transport works through message by message, so the pause
 * shows in the latency of messages sent after it. So {@code java -jar bench.jar} starts the driver
 * again in a JVM of its own with ZGC (pauses under a millisecond; the driver's core has room for its
 * concurrent work) and a fixed heap, and passes its exit status on.
 */
final class DriverJvm {

    /** Set in the re-launched driver, so that it does not start another. */
    static final String RELAUNCHED = "imbridge.bench.driver";

    static final List<String> OPTIONS = List.of("-XX:+UseZGC", "-Xms3g", "-Xmx3g");

    private DriverJvm() {
    }

    /** The command that runs the driver with {@link #OPTIONS}, or empty if this JVM is already that driver. */
    static Optional<List<String>> relaunchCommand(String[] args) {
        if (System.getProperty(RELAUNCHED) != null || usesZgc()) {
            return Optional.empty();
        }
        Optional<String> java = ProcessHandle.current().info().command();
        Optional<Path> jar = ownJar();
        if (java.isEmpty() || jar.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        command.addAll(OPTIONS);
        command.add("-D" + RELAUNCHED + "=true");
        command.add("-cp");
        command.add(jar.get().toString());
        command.add(BenchMain.class.getName());
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    /** Runs {@code command} with this process's standard streams; its exit status. */
    static int run(List<String> command) throws InterruptedException {
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (java.io.IOException e) {
            System.err.println("cannot start the driver JVM (" + e.getMessage() + "); running in this one");
            return -1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
        return child.waitFor();
    }

    static boolean usesZgc() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getName().startsWith("ZGC")) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Path> ownJar() {
        try {
            Path path = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return path.toString().endsWith(".jar") ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
