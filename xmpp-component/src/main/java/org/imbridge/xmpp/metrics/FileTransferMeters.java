package org.imbridge.xmpp.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.imbridge.core.files.TransferFailure;
import org.imbridge.xmpp.gateway.files.FileTransferMetrics;

/**
 * File transfers as meters: {@code imbridge_file_transfers_total{direction,outcome}},
 * {@code imbridge_file_bytes_total{direction}} and {@code imbridge_file_transfers_active{direction}}.
 */
final class FileTransferMeters implements FileTransferMetrics {

    private final MeterRegistry registry;
    private final Map<Direction, AtomicInteger> active = new EnumMap<>(Direction.class);

    FileTransferMeters(MeterRegistry registry) {
        this.registry = registry;
        for (Direction direction : Direction.values()) {
            AtomicInteger n = new AtomicInteger();
            active.put(direction, n);
            Gauge.builder("imbridge.file.transfers.active", n, AtomicInteger::get)
                    .tag("direction", TransportMetrics.tag(direction.name()))
                    .description("file transfers under way").register(registry);
        }
    }

    @Override
    public void started(Direction direction) {
        active.get(direction).incrementAndGet();
    }

    @Override
    public void ended(Direction direction, TransferFailure.Reason failure, long bytes) {
        active.get(direction).decrementAndGet();
        count(direction, failure);
        if (bytes > 0) {
            Counter.builder("imbridge.file.bytes").tag("direction", TransportMetrics.tag(direction.name()))
                    .description("bytes of files moved").register(registry).increment(bytes);
        }
    }

    @Override
    public void refused(Direction direction, TransferFailure.Reason why) {
        count(direction, why);
    }

    private void count(Direction direction, TransferFailure.Reason failure) {
        Counter.builder("imbridge.file.transfers").tag("direction", TransportMetrics.tag(direction.name()))
                .tag("outcome", failure == null ? "success" : TransportMetrics.tag(failure.name()))
                .description("file transfers by direction and outcome").register(registry).increment();
    }
}
