package org.imbridge.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Settings of a bench run, from the command line.
 *
 * @param users          registered users who all come online (login storm, idle hold)
 * @param contacts       MSN contacts per account (the chat partner plus neighbours), mutual
 * @param pairs          chatting pairs of users in the message scenarios
 * @param bodyChars      characters of each message body
 * @param latencyRate    offered rate of the latency scenario, messages per second
 * @param latencySeconds length of the latency scenario
 * @param rates          offered rates of the throughput steps, ascending; stepping stops at the first
 *                       rate not sustained
 * @param stepSeconds    length of each throughput step
 * @param nodeHeap       -Xmx of the transport and relay JVMs
 * @param nodeJvmArgs    more JVM options for the transport node (e.g. a JFR recording)
 * @param workers        worker threads of the transport
 * @param msnIoThreads   the transport's MSN I/O threads ({@code msn.io-threads}); 0 for its default
 * @param loginTimeoutSeconds limit of the login storm
 * @param relay          whether to run the relay baseline
 * @param out            where the JSON goes
 * @param cluster        run the several-instances scenario instead of the others
 * @param repeats        runs of each scenario (login storm, latency, each throughput step); figures are medians
 * @param pin            pin the transport (and relay) JVM and the driver to different CPUs with taskset
 * @param scale          users online at each point of the scaling curve; empty unless {@code --scale}
 * @param loopbackAddresses loopback addresses our MSN network's notification server listens on (127.0.0.1 and up)
 */
public record BenchOptions(int users, int contacts, int pairs, int bodyChars, int latencyRate, int latencySeconds,
                           List<Integer> rates, int stepSeconds, String nodeHeap, List<String> nodeJvmArgs,
                           int workers, int msnIoThreads, int loginTimeoutSeconds, boolean relay, Path out,
                           boolean cluster, int repeats, boolean pin, List<Integer> scale,
                           int loopbackAddresses) {

    static final String USAGE = """
            usage: java -jar bench/target/bench.jar [--smoke] [--cluster | --scale] [options]
              --cluster            only the several-instances scenario: two transports share the users
                                   through a private PostgreSQL, the driver balances them as ejabberd's
                                   bare_source does; login storm, users held, take-over after a kill -9
              --scale              only the scaling curve: users brought online step by step on one transport,
                                   with heap per user, idle CPU, login rate, threads and descriptors at each
              --scale-points N,... users online at each point (default 1000,5000,10000,20000,40000; smoke 20,50)
              --users N            users who log in at once and stay online (default 10000; smoke 50)
              --contacts K         MSN contacts per account, mutual (default 10)
              --pairs P            chatting pairs in the message scenarios (default min(users/2, 500))
              --body-chars C       message body length (default 100)
              --latency-rate R     offered msgs/s for the latency scenario (default 5000)
              --latency-seconds S  (default 10)
              --rates R1,R2,...    throughput steps in msgs/s (default 5000,10000,15000,20000,25000,30000,40000)
              --step-seconds S     length of each throughput step (default 5)
              --node-heap SIZE     -Xmx of the transport / relay JVM (default 1g)
              --node-jvm-args "…"  extra JVM options for the transport JVM, space-separated
              --workers N          transport worker threads (default 8, as the launcher)
              --msn-io-threads N   the transport's msn.io-threads (default: its own, cores + 1)
              --login-timeout S    (default 180)
              --no-relay           skip the relay baseline
              --repeats N          runs of each scenario; figures are medians with min-max (default 3; smoke 1);
                                   each latency run and warm storm on a fresh transport / relay JVM
              --no-pin             do not pin the transport and the driver to separate CPUs (taskset)
              --loopback-addresses N  addresses our MSN network's notification server listens on, 127.0.0.1
                                   and up, referred to in turn: each adds an ephemeral port range (default 4)
              --out FILE           JSON results (default bench/target/bench-results.json)
            """;

    /**
     * The heap, and the collector bin/imbridge starts the transport with (the relay gets the same, so
     * the baseline differs only in what runs).
     */
    public List<String> nodeJvm() {
        return List.of("-Xmx" + nodeHeap, "-Xms" + nodeHeap, "-XX:+UseParallelGC");
    }

    /** {@link #nodeJvm()} and then {@code --node-jvm-args}, which win. */
    public List<String> transportJvm() {
        List<String> jvm = new ArrayList<>(nodeJvm());
        jvm.addAll(nodeJvmArgs);
        return jvm;
    }

    /** The settings as JSON-friendly values. */
    public java.util.Map<String, Object> asMap() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("users", users);
        m.put("contacts", contacts);
        m.put("pairs", pairs);
        m.put("bodyChars", bodyChars);
        m.put("latencyRate", latencyRate);
        m.put("latencySeconds", latencySeconds);
        m.put("rates", rates);
        m.put("stepSeconds", stepSeconds);
        m.put("nodeHeap", nodeHeap);
        m.put("nodeJvmArgs", nodeJvmArgs);
        m.put("workers", workers);
        m.put("msnIoThreads", msnIoThreads);
        m.put("relay", relay);
        m.put("cluster", cluster);
        m.put("repeats", repeats);
        m.put("pin", pin);
        m.put("scale", scale);
        m.put("loopbackAddresses", loopbackAddresses);
        return m;
    }

    static BenchOptions parse(String... args) {
        boolean smoke = Arrays.asList(args).contains("--smoke");
        int users = smoke ? 50 : 10_000;
        int contacts = smoke ? 4 : 10;
        Integer pairs = null;
        int bodyChars = 100;
        int latencyRate = smoke ? 500 : 5000;
        int latencySeconds = smoke ? 1 : 10;
        List<Integer> rates = smoke ? List.of(1000) : List.of(5000, 10_000, 15_000, 20_000, 25_000, 30_000, 40_000);
        int stepSeconds = smoke ? 1 : 5;
        String heap = "1g";
        List<String> jvmArgs = List.of();
        int workers = 8;
        int msnIoThreads = 0;
        int loginTimeout = smoke ? 60 : 180;
        boolean relay = true;
        boolean cluster = Arrays.asList(args).contains("--cluster");
        boolean scaleCurve = Arrays.asList(args).contains("--scale");
        List<Integer> scalePoints = smoke ? List.of(20, 50) : List.of(1000, 5000, 10_000, 20_000, 40_000);
        int repeats = smoke ? 1 : 3;
        boolean pin = true;
        int loopbackAddresses = 4;
        Path out = Path.of(cluster ? "bench/target/bench-cluster-results.json"
                : scaleCurve ? "bench/target/bench-scale-results.json" : "bench/target/bench-results.json");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--smoke", "--cluster", "--scale" -> { }
                case "--no-relay" -> relay = false;
                case "--no-pin" -> pin = false;
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value after " + a + "\n" + USAGE);
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--users" -> users = Integer.parseInt(v);
                        case "--contacts" -> contacts = Integer.parseInt(v);
                        case "--pairs" -> pairs = Integer.parseInt(v);
                        case "--body-chars" -> bodyChars = Integer.parseInt(v);
                        case "--latency-rate" -> latencyRate = Integer.parseInt(v);
                        case "--latency-seconds" -> latencySeconds = Integer.parseInt(v);
                        case "--rates" -> rates = Arrays.stream(v.split(",")).map(String::trim).map(Integer::valueOf).toList();
                        case "--step-seconds" -> stepSeconds = Integer.parseInt(v);
                        case "--node-heap" -> heap = v;
                        case "--node-jvm-args" -> jvmArgs = new ArrayList<>(Arrays.asList(v.trim().split("\\s+")));
                        case "--workers" -> workers = Integer.parseInt(v);
                        case "--msn-io-threads" -> msnIoThreads = Integer.parseInt(v);
                        case "--login-timeout" -> loginTimeout = Integer.parseInt(v);
                        case "--repeats" -> repeats = Integer.parseInt(v);
                        case "--loopback-addresses" -> loopbackAddresses = Integer.parseInt(v);
                        case "--out" -> out = Path.of(v);
                        case "--scale-points" -> scalePoints = Arrays.stream(v.split(",")).map(String::trim)
                                .map(Integer::valueOf).sorted().toList();
                        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
                    }
                }
            }
        }
        if (users < 2) {
            throw new IllegalArgumentException("--users must be at least 2");
        }
        int p = pairs == null ? Math.min(users / 2, 500) : Math.min(pairs, users / 2);
        if (loopbackAddresses < 1 || loopbackAddresses > 254) {
            throw new IllegalArgumentException("--loopback-addresses must be 1 to 254");
        }
        if (bodyChars < 30) {
            throw new IllegalArgumentException("--body-chars must be at least 30 (the body carries a time stamp)");
        }
        return new BenchOptions(users, Math.max(1, contacts), Math.max(1, p), bodyChars, latencyRate, latencySeconds,
                List.copyOf(rates), stepSeconds, heap, List.copyOf(jvmArgs), workers, msnIoThreads, loginTimeout,
                relay, out, cluster, Math.max(1, repeats), pin, scaleCurve ? List.copyOf(scalePoints) : List.of(),
                loopbackAddresses);
    }
}
