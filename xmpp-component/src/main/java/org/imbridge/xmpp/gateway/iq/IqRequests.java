package org.imbridge.xmpp.gateway.iq;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.util.StringUtils;
import org.jxmpp.jid.Jid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IQ requests the component sends itself, matched with their answers: {@link #send} returns a stage
 * that completes with the {@code result}, or fails with an {@link IqRequestException} on an
 * {@code error} answer, on timeout, or when the request could not be sent. The gateway hands every
 * incoming {@code result} and {@code error} IQ to {@link #accept} first. An answer counts only if it
 * has the request's id and comes from the entity the request was addressed to.
 *
 * <p>Stages complete on the thread that delivers the answer (the stream's event thread) or on the
 * scheduler: continue with an {@code *Async} method when the next step blocks. Thread-safe.
 */
public final class IqRequests {

    private static final Logger LOG = LoggerFactory.getLogger(IqRequests.class);

    /** How long the gateway waits for an answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private record Pending(Jid to, CompletableFuture<IQ> answer, ScheduledFuture<?> timer) {
    }

    private final StanzaSink sink;
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /**
     * @param sink      where requests are sent
     * @param scheduler runs the timeouts
     * @param timeout   how long to wait for each answer
     */
    public IqRequests(StanzaSink sink, ScheduledExecutorService scheduler, Duration timeout) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.timeout = timeout;
    }

    /**
     * Sends a request and waits for its answer.
     *
     * @param request a {@code get} or {@code set} IQ; given a fresh id if it has none
     * @return completes with the {@code result} IQ; fails with an {@link IqRequestException}
     * @throws IllegalArgumentException if {@code request} is not a get or set
     */
    public CompletionStage<IQ> send(IQ request) {
        if (request.getType() != IQ.Type.get && request.getType() != IQ.Type.set) {
            throw new IllegalArgumentException("only get and set IQs are requests, not " + request.getType());
        }
        String id = request.getStanzaId();
        if (id == null || id.isEmpty() || pending.containsKey(id)) {
            id = StringUtils.randomString(12);
            request.setStanzaId(id);
        }
        CompletableFuture<IQ> answer = new CompletableFuture<>();
        String key = id;
        ScheduledFuture<?> timer = scheduler.schedule(() -> expire(key), timeout.toMillis(), TimeUnit.MILLISECONDS);
        Pending entry = new Pending(request.getTo(), answer, timer);
        if (pending.putIfAbsent(id, entry) != null) {
            timer.cancel(false);
            throw new IllegalStateException("IQ id " + id + " is already waiting for an answer");
        }
        if (!sink.send(request)) {
            finish(id, entry, new IqRequestException(IqRequestException.Reason.NOT_SENT,
                    "could not send IQ " + id + " to " + request.getTo(), null));
        }
        return answer.minimalCompletionStage();
    }

    /**
     * Completes the request {@code response} answers, if any.
     *
     * @param response an incoming IQ
     * @return true if it was the answer to a pending request (nothing else should handle it)
     */
    public boolean accept(IQ response) {
        if (response.getType() != IQ.Type.result && response.getType() != IQ.Type.error) {
            return false;
        }
        String id = response.getStanzaId();
        Pending entry = id == null ? null : pending.get(id);
        if (entry == null) {
            return false;
        }
        if (entry.to() != null && !entry.to().equals(response.getFrom())) {
            LOG.debug("ignoring an answer to IQ {} from {}: the request went to {}", id, response.getFrom(), entry.to());
            return false;
        }
        if (response.getType() == IQ.Type.result) {
            if (pending.remove(id, entry)) {
                entry.timer().cancel(false);
                entry.answer().complete(response);
            }
        } else {
            finish(id, entry, new IqRequestException(IqRequestException.Reason.ERROR,
                    entry.to() + " answered IQ " + id + " with " + response.getError(), response.getError()));
        }
        return true;
    }

    /**
     * Fails every pending request with {@link IqRequestException.Reason#CANCELLED}.
     *
     * @param why for the exception message
     */
    public void cancelAll(String why) {
        pending.forEach((id, entry) -> finish(id, entry,
                new IqRequestException(IqRequestException.Reason.CANCELLED, "IQ " + id + " cancelled: " + why, null)));
    }

    /** @return how many requests wait for an answer */
    public int pendingCount() {
        return pending.size();
    }

    private void expire(String id) {
        Pending entry = pending.get(id);
        if (entry != null) {
            finish(id, entry, new IqRequestException(IqRequestException.Reason.TIMEOUT,
                    "no answer to IQ " + id + " from " + entry.to() + " within " + timeout, null));
        }
    }

    private void finish(String id, Pending entry, IqRequestException failure) {
        if (pending.remove(id, entry)) {
            entry.timer().cancel(false);
            entry.answer().completeExceptionally(failure);
        }
    }
}
