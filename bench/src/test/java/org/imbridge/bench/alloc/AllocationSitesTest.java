package org.imbridge.bench.alloc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import jdk.jfr.Recording;
import org.imbridge.msn.protocol.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllocationSitesTest {

    @Test
    void chargesAnAllocationToTheNearestTransportFrame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("alloc.jfr");
        // A body far larger than any TLAB: its bytes are allocated outside one even with TLABs on.
        String body = "x".repeat(8 * 1024 * 1024);
        AtomicReference<byte[]> kept = new AtomicReference<>();
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ObjectAllocationOutsideTLAB").withStackTrace();
            recording.start();
            Thread worker = new Thread(() -> kept.set(MimeMessage.text(body).toBytes()), "test-jmh-worker-1");
            worker.start();
            worker.join(10_000);
            recording.stop();
            recording.dump(file);
        }
        assertTrue(kept.get().length > body.length());

        AllocationSites sites = new AllocationSites();
        sites.read(file);

        long charged = sites.bytesByOwnFrame().entrySet().stream()
                .filter(e -> e.getKey().startsWith("org.imbridge.msn.protocol.MimeMessage."))
                .mapToLong(e -> e.getValue()).sum();
        assertTrue(charged >= body.length(), sites.bytesByOwnFrame().toString());
    }
}
