package org.imbridge.msn.client;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msn.protocol.MimeMessage;

/**
 * One conversation on a switchboard server (docs/msnp.md §7). Thread-safe.
 *
 * <p>Sending before anyone is present: text sent while the session has no participant (right after
 * {@link NotificationSession#openSwitchboard}, before the first invitee's {@code JOI}) is queued, up
 * to {@link MsnClientConfig#maxQueuedMessages()} MSGs, and written in order when someone joins. If
 * every pending invitation fails, the queued sends fail with the invitation's error (e.g.
 * {@link MsnErrorException} 217 "not online"). Typing notices are not queued.
 */
public interface SwitchboardSession {

    /** The switchboard session id (from RNG or {@code CAL … RINGING}); {@code null} until known. */
    String sessionId();

    /** The other participants present now: handle to URL-decoded friendly name. */
    Map<String, String> participants();

    /**
     * True until the switchboard closes or starts closing: {@link #close()}, the idle timeout, or the
     * last other participant leaving (the connection then stays only until the server has answered
     * the MSGs already sent, so that a NAK racing the BYE is still reported).
     */
    boolean isOpen();

    /**
     * {@code CAL}: invites {@code handle}; completes when they join ({@code JOI}). Fails with
     * {@link MsnErrorException} (217 offline, 216 blocked, 215 already there or invited, 208 invalid
     * handle), or {@link MsnTimeoutException} after {@link MsnClientConfig#inviteTimeout()}.
     * Completes at once when {@code handle} is already present.
     */
    CompletionStage<Void> invite(String handle);

    /**
     * Sends chat text as {@code text/plain; charset=UTF-8}, split into as many MSGs as needed so
     * nothing is truncated. Mode {@link AckMode#A}: completes when every part is acknowledged; fails on
     * NAK ({@link MsnDeliveryException}) or after {@link MsnClientConfig#ackTimeout()}. Modes U and N:
     * completes when written; a later NAK for N goes to {@link SwitchboardListener#onDeliveryFailed}.
     */
    CompletionStage<Void> sendText(String text, AckMode mode);

    /**
     * Sends one prepared MSG payload (same completion rules as {@link #sendText}).
     *
     * @throws IllegalArgumentException when the payload exceeds 1664 bytes
     */
    CompletionStage<Void> sendMessage(MimeMessage message, AckMode mode);

    /**
     * Sends a nudge ({@code text/x-msnmsgr-datacast}, {@code ID: 1}) with ack mode A: completes on ACK.
     * MSNP7 clients show it as plain text or not at all. Queued like text while nobody is present.
     */
    CompletionStage<Void> sendNudge();

    /**
     * Sends a typing notice ({@code text/x-msmsgscontrol}, ack mode U). Dropped (completes at once)
     * when nobody else is present.
     */
    CompletionStage<Void> sendTyping();

    /** {@code OUT}: leaves the conversation; completes when the connection is closed. */
    CompletionStage<Void> close();
}
