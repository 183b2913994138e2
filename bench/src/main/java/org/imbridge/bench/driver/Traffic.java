package org.imbridge.bench.driver;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the driver receives, counted: which users the transport reports online (its available
 * presence to the user, until its unavailable one), chat messages with their end-to-end latency, and error stanzas.
 */
public final class Traffic {

    private final String transportDomain;
    private final AtomicIntegerArray online;
    private final AtomicInteger onlineCount = new AtomicInteger();
    private final LongAdder messages = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder stanzas = new LongAdder();
    private final Latencies latencies = new Latencies();
    private volatile long lastOnlineNanos;
    private volatile String lastError;

    public Traffic(int users, String transportDomain) {
        this.online = new AtomicIntegerArray(Math.max(1, users));
        this.transportDomain = transportDomain;
    }

    /** One top-level element from the transport (or the relay). */
    public void received(String xml) {
        stanzas.increment();
        if (xml.startsWith("<message")) {
            if (isError(xml)) {
                error(xml);
                return;
            }
            long sent = Stanzas.sentNanos(xml);
            if (sent > 0) {
                latencies.record(System.nanoTime() - sent);
                messages.increment();
            }
        } else if (xml.startsWith("<presence")) {
            presence(xml);
        } else if (isError(xml)) {
            error(xml);
        }
    }

    /** The transport's own presence to a user says whether that user's session is up. */
    private void presence(String xml) {
        String type = Stanzas.attribute(xml, "type");
        if ((type != null && !type.equals("unavailable")) || !transportDomain.equals(Stanzas.attribute(xml, "from"))) {
            return;
        }
        int user = Stanzas.userIndex(Stanzas.attribute(xml, "to"));
        if (user < 0 || user >= online.length()) {
            return;
        }
        if (type == null && online.compareAndSet(user, 0, 1)) {
            onlineCount.incrementAndGet();
            lastOnlineNanos = System.nanoTime();
        } else if (type != null && online.compareAndSet(user, 1, 0)) {
            onlineCount.decrementAndGet();
        }
    }

    private static boolean isError(String xml) {
        return "error".equals(Stanzas.attribute(xml, "type"));
    }

    private void error(String xml) {
        errors.increment();
        lastError = xml.length() > 400 ? xml.substring(0, 400) : xml;
    }

    /** Forgets who was online (a new transport is about to log everyone in again). */
    public void resetOnline() {
        for (int i = 0; i < online.length(); i++) {
            online.set(i, 0);
        }
        onlineCount.set(0);
    }

    public int onlineCount() {
        return onlineCount.get();
    }

    public long lastOnlineNanos() {
        return lastOnlineNanos;
    }

    public long messages() {
        return messages.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public long stanzas() {
        return stanzas.sum();
    }

    public String lastError() {
        return lastError;
    }

    public Latencies latencies() {
        return latencies;
    }
}
