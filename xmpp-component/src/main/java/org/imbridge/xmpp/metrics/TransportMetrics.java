package org.imbridge.xmpp.metrics;

import java.util.Locale;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The transport's meters, in a Prometheus registry:
 *
 * <pre>
 * imbridge_users_registered                    registered users (refreshed from the store)
 * imbridge_users_online                        users logged in to the legacy network now
 * imbridge_logins_total{network,result}        legacy logins: success, or the failure kind
 * imbridge_messages_total{network,direction}   chat messages relayed: to_network, from_network
 * imbridge_errors_total{kind}                  errors by kind: xmpp_* (XMPP error conditions sent,
 *                                              stream lost), network_* (legacy logins, deliveries,
 *                                              disconnects)
 * imbridge_queue_depth{queue}                  work waiting: workers, xmpp_outgoing
 * imbridge_deployment_instances                live instances of the deployment (1 when alone)
 * imbridge_deployment_sessions{member}         sessions each live instance holds, at the last heartbeat
 * imbridge_file_transfers_total{direction,outcome}  files: to_user / to_contact; success or the failure
 * imbridge_file_bytes_total{direction}         bytes of files moved
 * imbridge_file_transfers_active{direction}    transfers under way
 * </pre>
 *
 * plus JVM memory, threads, CPU and uptime. {@code network} is the legacy network's id, e.g.
 * {@code msn}. Every meter carries the tag {@code instance}: the transport instance's name, which
 * tells the instances of one deployment apart (README, "Running several instances"). Also keeps the
 * last minute's message counts for the admin statistics.
 */
public final class TransportMetrics {

    /** Directions of {@code imbridge_messages_total}: from a Jabber user to the legacy network, and back. */
    public static final String TO_NETWORK = "to_network";
    public static final String FROM_NETWORK = "from_network";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MultiGauge deploymentSessions;
    private final FileTransferMeters files;
    private volatile int liveInstances = 1;
    private final String network;
    private final Counter toNetwork;
    private final Counter fromNetwork;
    private final RecentRate recentToNetwork = new RecentRate();
    private final RecentRate recentFromNetwork = new RecentRate();
    private volatile int registered;

    /**
     * @param network  the legacy network's id, the {@code network} label, e.g. {@code msn}
     * @param instance this instance's name, the {@code instance} label of every meter
     */
    public TransportMetrics(String network, String instance) {
        this.network = network;
        // before any meter is registered: common tags apply to the meters registered after them
        registry.config().commonTags("instance", instance);
        toNetwork = Counter.builder("imbridge.messages").tag("network", network).tag("direction", TO_NETWORK)
                .description("chat messages relayed").register(registry);
        fromNetwork = Counter.builder("imbridge.messages").tag("network", network).tag("direction", FROM_NETWORK)
                .description("chat messages relayed").register(registry);
        Gauge.builder("imbridge.users.registered", () -> registered).description("registered users")
                .register(registry);
        Gauge.builder("imbridge.deployment.instances", () -> liveInstances)
                .description("live transport instances of the deployment, this one included").register(registry);
        this.deploymentSessions = MultiGauge.builder("imbridge.deployment.sessions")
                .description("users' sessions each live instance of the deployment holds (tag member)").register(registry);
        files = new FileTransferMeters(registry); // after the common tags: every meter carries the instance
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The deployment as the last heartbeat saw it: live instances and the sessions of each. */
    public void deployment(org.imbridge.core.cluster.Membership membership) {
        liveInstances = membership.instances().size();
        deploymentSessions.register(membership.instances().stream()
                .map(m -> MultiGauge.Row.of(io.micrometer.core.instrument.Tags.of("member", m.name()), m.sessions()))
                .toList(), true);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A chat message went from a Jabber user to the legacy network. */
    public void messageToNetwork() {
        toNetwork.increment();
        recentToNetwork.record();
    }

    /** A chat message came from the legacy network to a Jabber user. */
    public void messageFromNetwork() {
        fromNetwork.increment();
        recentFromNetwork.record();
    }

    public long messagesToNetworkLastMinute() {
        return recentToNetwork.lastMinute();
    }

    public long messagesFromNetworkLastMinute() {
        return recentFromNetwork.lastMinute();
    }

    /** A legacy login finished: {@code success}, or a failure kind such as {@code bad_credentials}. */
    public void login(String result) {
        Counter.builder("imbridge.logins").tag("network", network).tag("result", tag(result))
                .description("logins to the legacy network by result (success or the failure)").register(registry)
                .increment();
    }

    /** File transfers, counted here. */
    public org.imbridge.xmpp.gateway.files.FileTransferMetrics files() {
        return files;
    }


    /** An error of some kind, e.g. {@code xmpp_recipient_unavailable} or {@code network_connection_lost}. */
    public void error(String kind) {
        Counter.builder("imbridge.errors").tag("kind", tag(kind))
                .description("errors by kind: xmpp_* on the XMPP side, network_* on the legacy network").register(registry)
                .increment();
    }

    public void registeredUsers(int count) {
        registered = count;
    }

    /** Reports {@code online} as {@code imbridge_users_online}. */
    public void onlineUsers(Supplier<Number> online) {
        Gauge.builder("imbridge.users.online", online).description("users logged in to the legacy network").register(registry);
    }

    /** Reports {@code depth} as {@code imbridge_queue_depth{queue=name}}. */
    public void queue(String name, Supplier<Number> depth) {
        Gauge.builder("imbridge.queue.depth", depth).tag("queue", name).description("work waiting")
                .register(registry);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    static String tag(String value) {
        return value.toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
