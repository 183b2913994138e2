package org.imbridge.msn.client;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.imbridge.msn.protocol.MimeMessage;

/**
 * Reassembles chunked messages of one switchboard (docs/msnp.md §8.5): newer clients send a long
 * message as several MSGs sharing a {@code Message-ID}; the first part carries the MIME headers and
 * {@code Chunks: N}, each continuation only {@code Message-ID} and {@code Chunk: i}. Parts may arrive
 * in any order; a duplicate part is ignored. Nothing is dropped: a message whose parts do not all
 * arrive within the timeout, that is pushed out by too many others in flight, or that outgrows the
 * limits is delivered with what arrived and a {@link Assembled#note() note} saying what is missing.
 * Thread-safe.
 */
final class ChunkedMessages {

    /** Our limits (docs/msnp.md §17). */
    static final int MAX_CHUNKS = 64;
    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_IN_FLIGHT = 8;
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How many finished Message-IDs are remembered, so that a late duplicate part is not taken for a new message. */
    private static final int REMEMBERED = 64;

    /** A message to deliver: whole, or with a note for the reader saying what is missing. */
    record Assembled(String from, String friendlyName, MimeMessage message, String note) {
        boolean isComplete() {
            return note == null;
        }
    }

    private static final class Partial {
        final String from;
        final String messageId;
        final long deadline;
        String friendlyName;
        MimeMessage first;
        int total; // 0 until the first part arrived
        final TreeMap<Integer, byte[]> bodies = new TreeMap<>();
        int bytes;

        Partial(String from, String friendlyName, String messageId, long deadline) {
            this.from = from;
            this.friendlyName = friendlyName;
            this.messageId = messageId;
            this.deadline = deadline;
        }

        boolean isComplete() {
            return total > 0 && bodies.size() == total;
        }
    }

    private final long timeoutNanos;
    private final Map<String, Partial> inFlight = new LinkedHashMap<>();
    private final Set<String> finished = new LinkedHashSet<>();

    ChunkedMessages() {
        this(TIMEOUT);
    }

    ChunkedMessages(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** True when {@code message} is one part of a chunked message. */
    static boolean isPart(MimeMessage message) {
        return message.header("Message-ID") != null
                && (message.header("Chunks") != null || message.header("Chunk") != null);
    }

    /**
     * Takes one part; returns the messages now ready (none, the completed one, and any pushed out
     * incomplete).
     */
    synchronized List<Assembled> offer(String from, String friendlyName, MimeMessage part, long nowNanos) {
        String messageId = part.header("Message-ID");
        String key = ContactList.key(from) + " " + messageId;
        if (finished.contains(key)) {
            return List.of(); // a duplicate of a part of a message already delivered
        }
        Integer chunks = number(part.header("Chunks"));
        Integer index = chunks != null ? Integer.valueOf(0) : number(part.header("Chunk"));
        if (index == null || index < 0 || (chunks != null && chunks < 1)) {
            // Not a part we can place: deliver it as it is rather than guess.
            return List.of(new Assembled(from, friendlyName, part, "[message part with an unreadable number]"));
        }
        List<Assembled> ready = new ArrayList<>();
        Partial p = inFlight.get(key);
        if (p == null) {
            if (inFlight.size() >= MAX_IN_FLIGHT) {
                Partial oldest = inFlight.values().iterator().next();
                ready.add(finish(oldest, "[message incomplete: too many long messages at once]"));
            }
            p = new Partial(from, friendlyName, messageId, nowNanos + timeoutNanos);
            inFlight.put(key, p);
        }
        if (chunks != null) {
            if (p.first != null) {
                return ready; // a duplicate first part
            }
            p.first = part;
            p.friendlyName = friendlyName;
            p.total = chunks;
        }
        if (p.bodies.containsKey(index)) {
            return ready; // a duplicate part
        }
        byte[] body = part.body();
        boolean fits = index < MAX_CHUNKS && p.bytes + body.length <= MAX_BYTES;
        if (fits) {
            p.bodies.put(index, body);
            p.bytes += body.length;
        }
        if (index >= MAX_CHUNKS || p.total > MAX_CHUNKS) {
            ready.add(finish(p, "[message truncated: more than " + MAX_CHUNKS + " parts]"));
        } else if (!fits) {
            ready.add(finish(p, "[message truncated: longer than " + MAX_BYTES / 1024 + " KiB]"));
        } else if (p.total > 0 && p.bodies.lastKey() >= p.total) {
            ready.add(finish(p, "[message has more parts than it announced]"));
        } else if (p.isComplete()) {
            ready.add(finish(p, null));
        }
        return ready;
    }

    /** The messages whose missing parts did not arrive in time, delivered as they are. */
    synchronized List<Assembled> expire(long nowNanos) {
        List<Assembled> ready = new ArrayList<>();
        for (Partial p : List.copyOf(inFlight.values())) {
            if (nowNanos - p.deadline >= 0) {
                ready.add(finish(p, missingNote(p)));
            }
        }
        return ready;
    }

    /** Every message in flight, as far as it arrived (the switchboard closed). */
    synchronized List<Assembled> drain() {
        List<Assembled> ready = new ArrayList<>();
        for (Partial p : List.copyOf(inFlight.values())) {
            ready.add(finish(p, missingNote(p)));
        }
        return ready;
    }

    /** The earliest deadline of a message in flight, or {@code -1} when none is. */
    synchronized long nextDeadline() {
        return inFlight.values().stream().mapToLong(p -> p.deadline).min().orElse(-1);
    }

    synchronized int inFlight() {
        return inFlight.size();
    }

    private Assembled finish(Partial p, String note) {
        String key = ContactList.key(p.from) + " " + p.messageId;
        inFlight.remove(key);
        finished.add(key);
        if (finished.size() > REMEMBERED) {
            finished.remove(finished.iterator().next());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(p.bytes);
        p.bodies.values().forEach(body::writeBytes);
        List<Map.Entry<String, String>> headers = p.first == null
                ? List.of(Map.entry("MIME-Version", "1.0"), Map.entry("Content-Type", MimeMessage.TEXT_PLAIN))
                : p.first.headers().stream()
                        .filter(h -> !h.getKey().equalsIgnoreCase("Chunks") && !h.getKey().equalsIgnoreCase("Message-ID"))
                        .toList();
        return new Assembled(p.from, p.friendlyName, MimeMessage.of(headers, body.toByteArray()), note);
    }

    private static String missingNote(Partial p) {
        if (p.first == null) {
            return "[message incomplete: its beginning is missing]";
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < p.total; i++) {
            if (!p.bodies.containsKey(i)) {
                missing.add(i + 1);
            }
        }
        if (missing.isEmpty()) {
            return "[message incomplete]";
        }
        String parts = missing.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return "[message incomplete: part" + (missing.size() == 1 ? " " : "s ") + parts + " of " + p.total + " missing]";
    }

    private static Integer number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
