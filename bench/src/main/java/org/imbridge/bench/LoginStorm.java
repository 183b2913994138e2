package org.imbridge.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import org.imbridge.bench.driver.BenchNames;
import org.imbridge.bench.driver.FakeXmppServer;
import org.imbridge.bench.driver.Stanzas;
import org.imbridge.bench.driver.Traffic;

/**
 * Brings a range of users online at once (their initial presences sent in large writes, as a server
 * restart would), or offline, and waits until the transport has told each of them.
 */
final class LoginStorm {

    /**
     * How a storm went.
     *
     * @param online users of the range online at the end
     * @param nanos  from the first presence sent to the last user seen online (or to the timeout)
     */
    record Outcome(int online, long nanos) {
        double perSecond() {
            return online / (nanos / 1e9);
        }
    }

    private final Traffic traffic;
    private final FakeXmppServer xmpp;
    private final BenchNames names;
    private final Consumer<String> progress;

    LoginStorm(Traffic traffic, FakeXmppServer xmpp, BenchNames names, Consumer<String> progress) {
        this.traffic = traffic;
        this.xmpp = xmpp;
        this.names = names;
        this.progress = progress;
    }

    /** Users {@code from} (inclusive) to {@code to} (exclusive) come online; the others already are. */
    Outcome online(int from, int to, Duration timeout) throws InterruptedException {
        int already = traffic.onlineCount();
        long start = System.nanoTime();
        sendAll(from, to, i -> Stanzas.available(i, names));
        long deadline = start + timeout.toNanos();
        int wanted = already + (to - from);
        boolean all = false;
        while (!all && System.nanoTime() < deadline) {
            all = BenchAccounts.await(() -> traffic.onlineCount() >= wanted, Duration.ofSeconds(1));
            if (!all) {
                progress.accept("  " + (traffic.onlineCount() - already) + " online after "
                        + (System.nanoTime() - start) / 1_000_000 + " ms");
            }
        }
        long end = all ? traffic.lastOnlineNanos() : System.nanoTime();
        return new Outcome(traffic.onlineCount() - already, end - start);
    }

    /** Users {@code from} to {@code to} go offline; true once the transport has said so to each. */
    boolean offline(int from, int to, Duration timeout) throws InterruptedException {
        int others = traffic.onlineCount() - (to - from);
        sendAll(from, to, i -> Stanzas.unavailable(i, names));
        return BenchAccounts.await(() -> traffic.onlineCount() <= others, timeout);
    }

    /** Users 0 to {@code n} all come online again, whoever of them still is; true once all are. */
    boolean allBackOnline(int n, Duration timeout) throws InterruptedException {
        sendAll(0, n, i -> Stanzas.available(i, names));
        return BenchAccounts.await(() -> traffic.onlineCount() >= n, timeout);
    }

    private void sendAll(int from, int to, IntFunction<String> stanza) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(stanza.apply(i));
            if (sb.length() > 32_000 || i == to - 1) {
                xmpp.send(sb.toString());
                sb.setLength(0);
            }
        }
    }

    /**
     * Waits until the transport has been quiet (no stanzas) for two seconds (half a second for a {@code small}
     * run), at most a minute.
     */
    static void settle(Traffic traffic, boolean small) throws InterruptedException {
        long quiet = small ? TimeUnit.MILLISECONDS.toNanos(500) : TimeUnit.SECONDS.toNanos(2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = traffic.stanzas();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > quiet) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /**
     * Runs of fewer than 200 users (the smoke runs) skip the waits meant for big storms: they leave few
     * connections and little for the JIT, and a minute per wait would dwarf them.
     */
    static boolean small(int users) {
        return users < 200;
    }

    /**
     * Waits (at most 70 s) until the connections of the last storm have left TIME_WAIT, so that every
     * storm starts from the same state. Our MSN network closes each dispatch connection after
     * {@code XFR}, so a storm leaves one TIME_WAIT socket per user on the dispatch port for 60 s, which a
     * new storm's connections to that port, from the same loopback address, would meet. Whether they
     * made a storm dearer is not settled: one storm started among them cost 4.2 ms of CPU per login
     * against 2.8–3.0 for the others of its run, but storms started after the wait later cost 4.0 too.
     * {@link #small} runs do not wait.
     */
    static void awaitTimeWaitDrained(int users, Consumer<String> progress) throws InterruptedException {
        long waiting = timeWaitSockets();
        // a small run leaves few, and other programs' (a test suite run before it) are not worth a minute
        if (waiting < TIME_WAIT_QUIET || small(users)) {
            return;
        }
        progress.accept("waiting for " + waiting + " connections of the last storm to leave TIME_WAIT (up to 60 s)");
        if (!BenchAccounts.await(() -> timeWaitSockets() < TIME_WAIT_QUIET, Duration.ofSeconds(70))) {
            progress.accept("  still " + timeWaitSockets() + " in TIME_WAIT: the next storm may be slower");
        }
    }

    private static final long TIME_WAIT_QUIET = 500;

    /** TCP sockets in TIME_WAIT, machine-wide ({@code /proc/net/sockstat}), or 0 where unknown. */
    static long timeWaitSockets() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/sockstat"))) {
                if (line.startsWith("TCP:")) {
                    String[] f = line.trim().split("\\s+");
                    for (int i = 1; i + 1 < f.length; i++) {
                        if (f[i].equals("tw")) {
                            return Long.parseLong(f[i + 1]);
                        }
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }
}
