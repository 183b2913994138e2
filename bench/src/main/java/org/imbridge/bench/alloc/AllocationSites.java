package org.imbridge.bench.alloc;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a benchmark allocates, exactly: reads a flight recording of a JVM run with {@code -XX:-UseTLAB}
 * and {@code bench/jfr/every-allocation.jfc} (so that every allocation is one
 * {@code jdk.ObjectAllocationOutsideTLAB} event with its stack) and adds up the bytes of the JMH worker
 * thread by the nearest frame of the transport's own code ({@code org.imbridge}, not the bench), with
 * the library or JDK frame below it that allocated. Given the benchmark's {@code gc.alloc.rate.norm},
 * shares become bytes per operation.
 *
 * <pre>java -cp bench/target/bench.jar org.imbridge.bench.alloc.AllocationSites alloc.jfr [bytes-per-op] [top]</pre>
 */
public final class AllocationSites {

    private static final String EVENT = "jdk.ObjectAllocationOutsideTLAB";
    private static final String WORKER = "jmh-worker";
    private static final String OWN = "org.imbridge.";
    private static final String BENCH = "org.imbridge.bench.";
    private static final int MAX_SITES = 100_000;

    private final Map<String, Long> byOwnFrame = new HashMap<>();
    private final Map<String, Long> bySite = new HashMap<>();
    private long total;
    private long events;

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: AllocationSites <recording.jfr> [bytes-per-op] [top, default 15]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) {
            System.err.println("no such recording: " + file);
            System.exit(2);
        }
        double perOp = args.length > 1 ? Double.parseDouble(args[1]) : 0;
        int top = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        AllocationSites sites = new AllocationSites();
        sites.read(file);
        sites.print(System.out, perOp, top);
    }

    void read(Path file) throws IOException {
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (event.getEventType().getName().equals(EVENT) && onWorker(event)) {
                    add(event.getLong("allocationSize"), event.getStackTrace());
                }
            }
        }
    }

    private static boolean onWorker(RecordedEvent event) {
        RecordedThread thread = event.getThread();
        return thread != null && thread.getJavaName() != null && thread.getJavaName().contains(WORKER);
    }

    private void add(long bytes, RecordedStackTrace stack) {
        List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
        String own = "(no transport frame: the bench's own, such as the read buffer SocketlessSession allocates"
                + " as MINA's I/O processor does for every read; or a stack cut short)";
        for (RecordedFrame frame : frames) {
            String name = name(frame);
            if (name.startsWith(OWN) && !name.startsWith(BENCH)) {
                own = name;
                break;
            }
        }
        String allocator = frames.isEmpty() ? "?" : name(frames.get(0));
        total += bytes;
        events++;
        if (bySite.size() < MAX_SITES || bySite.containsKey(own + allocator)) {
            byOwnFrame.merge(own, bytes, Long::sum);
            bySite.merge(own + "  <-  " + allocator, bytes, Long::sum);
        }
    }

    /** Bytes by the nearest frame of the transport's own code. */
    Map<String, Long> bytesByOwnFrame() {
        return Map.copyOf(byOwnFrame);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    void print(PrintStream out, double perOp, int top) {
        out.printf("%d allocations, %d bytes on %s threads%n", events, total, WORKER);
        if (total == 0) {
            out.println("nothing recorded: was the JVM run with -XX:-UseTLAB and every-allocation.jfc?");
            return;
        }
        if (perOp > 0) {
            out.printf("about %.0f operations at %.0f bytes each%n", total / perOp, perOp);
        }
        section(out, "by the nearest org.imbridge frame", byOwnFrame, perOp, top);
        section(out, "by that frame and the frame that allocated", bySite, perOp, top * 2);
    }

    private void section(PrintStream out, String title, Map<String, Long> bytes, double perOp, int top) {
        out.println("== " + title);
        bytes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(top)
                .forEach(e -> {
                    double share = (double) e.getValue() / total;
                    if (perOp > 0) {
                        out.printf("%7.0f B/op %5.1f%%  %s%n", share * perOp, share * 100, e.getKey());
                    } else {
                        out.printf("%5.1f%%  %s%n", share * 100, e.getKey());
                    }
                });
    }
}
