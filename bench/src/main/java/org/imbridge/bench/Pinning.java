package org.imbridge.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where the bench runs what: the node JVMs (transport, relay) on CPU 1 and this driver on CPU 0, so that
 * neither steals the other's core, where {@code taskset} exists and there are at least two CPUs.
 *
 * @param nodePrefix what the node JVMs are started under ({@code taskset -c 1}), or nothing
 * @param described  what was done, in words, for the output
 */
record Pinning(List<String> nodePrefix, String described) {

    /** Pins this process now (when {@code wanted} and possible) and says where the nodes go. */
    static Pinning apply(boolean wanted) {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (!wanted) {
            return none("none (--no-pin)");
        }
        if (cpus < 2) {
            return none("none (one CPU)");
        }
        try {
            Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", "0", String.valueOf(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return none("none (taskset failed)");
            }
        } catch (java.io.IOException e) {
            return none("none (no taskset: apt-get install util-linux)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return none("none (interrupted)");
        }
        return new Pinning(List.of("taskset", "-c", "1"),
                "driver (our MSN network, the fake XMPP server, the load) on CPU 0, transport and relay on CPU 1"
                        + (cpus > 2 ? " (of " + cpus + ")" : ""));
    }

    private static Pinning none(String why) {
        return new Pinning(List.of(), why);
    }
}
