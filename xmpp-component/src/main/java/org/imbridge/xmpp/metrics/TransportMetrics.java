package org.imbridge.xmpp.metrics;

import java.util.Locale;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
 * imbridge_users_registered            registered users (refreshed from the store)
 * imbridge_users_online                users logged in to MSN now
 * imbridge_msn_logins_total{result}    MSN logins: success, or the failure kind
 * imbridge_messages_total{direction}   chat messages relayed: xmpp_to_msn, msn_to_xmpp
 * imbridge_errors_total{kind}          errors by kind (XMPP error conditions sent, MSN disconnects, …)
 * imbridge_queue_depth{queue}          work waiting: workers, xmpp_outgoing
 * </pre>
 *
 * plus JVM memory, threads, CPU and uptime. Also keeps the last minute's message counts for the
 * admin statistics.
 */
public final class TransportMetrics {

    /** Directions of {@code imbridge_messages_total}. */
    public static final String XMPP_TO_MSN = "xmpp_to_msn";
    public static final String MSN_TO_XMPP = "msn_to_xmpp";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter toMsn;
    private final Counter toXmpp;
    private final RecentRate recentToMsn = new RecentRate();
    private final RecentRate recentToXmpp = new RecentRate();
    private volatile int registered;

    public TransportMetrics() {
        toMsn = Counter.builder("imbridge.messages").tag("direction", XMPP_TO_MSN)
                .description("chat messages relayed").register(registry);
        toXmpp = Counter.builder("imbridge.messages").tag("direction", MSN_TO_XMPP)
                .description("chat messages relayed").register(registry);
        Gauge.builder("imbridge.users.registered", () -> registered).description("registered users")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A chat message went from a Jabber user to MSN. */
    public void messageToMsn() {
        toMsn.increment();
        recentToMsn.record();
    }

    /** A chat message came from MSN to a Jabber user. */
    public void messageToXmpp() {
        toXmpp.increment();
        recentToXmpp.record();
    }

    public long messagesToMsnLastMinute() {
        return recentToMsn.lastMinute();
    }

    public long messagesToXmppLastMinute() {
        return recentToXmpp.lastMinute();
    }

    /** An MSN login finished: {@code success}, or a failure kind such as {@code bad_credentials}. */
    public void msnLogin(String result) {
        registry.counter("imbridge.msn.logins", "result", tag(result)).increment();
    }

    /** An error of some kind, e.g. {@code xmpp_recipient_unavailable} or {@code msn_connection_lost}. */
    public void error(String kind) {
        registry.counter("imbridge.errors", "kind", tag(kind)).increment();
    }

    public void registeredUsers(int count) {
        registered = count;
    }

    /** Reports {@code online} as {@code imbridge_users_online}. */
    public void onlineUsers(Supplier<Number> online) {
        Gauge.builder("imbridge.users.online", online).description("users logged in to MSN").register(registry);
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

    private static String tag(String value) {
        return value.toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
