package org.imbridge.msn.client;

import java.time.Duration;

import org.imbridge.msn.protocol.MimeMessage;

/**
 * Events of one {@link SwitchboardSession}. Every method has an empty default. Calls come from a
 * MINA I/O thread (or the client's timer thread), one at a time per switchboard; implementations must
 * not block. An exception thrown here is logged and otherwise ignored.
 */
public interface SwitchboardListener {

    /** A listener that ignores everything. */
    SwitchboardListener IGNORE = new SwitchboardListener() {
    };

    /**
     * A chat message ({@code text/plain}); a chunked one arrives whole, or, when parts are missing,
     * with what arrived and a note in brackets at the end. Use {@link MimeMessage#bodyText()} for the text (UTF-8, or
     * ISO-8859-1 when no charset was given) and {@code X-MMS-IM-Format} for fonts and colours.
     *
     * @param handle       the sender
     * @param friendlyName the sender's URL-decoded name as the switchboard reports it (may be stale)
     */
    default void onMessage(String handle, String friendlyName, MimeMessage message) {
    }

    /** {@code handle} is typing (a {@code text/x-msmsgscontrol} TypingUser notice). */
    default void onTyping(String handle) {
    }

    /** {@code handle} sent a nudge ({@code text/x-msnmsgr-datacast} with {@code ID: 1}). */
    default void onNudge(String handle) {
    }

    /**
     * {@code handle} sent something this client cannot show: a wink, a voice clip, a file or another
     * invitation, or a content type it does not know. At most one per sender and kind per minute on
     * one switchboard; what is ignored on purpose (keep-alives, client capabilities, custom emoticon
     * declarations) is not reported.
     *
     * @param what a short noun phrase, e.g. {@code "a wink"} or {@code "a file (notes.txt)"}
     */
    default void onUnsupported(String handle, String what) {
    }

    /**
     * {@code handle} sent a file-transfer invitation message ({@code text/x-msmsgsinvite}): an INVITE
     * of the file-transfer application, or an ACCEPT or CANCEL of any invitation that names no other
     * application (docs/msnp.md §18). Parse it with {@code org.imbridge.msn.ftp.FileInvitation}; answers
     * go back on this switchboard. Not rate limited: the application bounds what it keeps.
     */
    default void onInvitation(String handle, MimeMessage message) {
    }

    /** {@code handle} joined ({@code JOI}). Participants present when we joined are in {@link SwitchboardSession#participants()}. */
    default void onParticipantJoined(String handle, String friendlyName) {
    }

    /**
     * {@code handle} left ({@code BYE}).
     *
     * @param idleTimeout true when the server removed them for inactivity ({@code BYE handle 1})
     */
    default void onParticipantLeft(String handle, boolean idleTimeout) {
    }

    /**
     * A message sent with {@link org.imbridge.msn.protocol.AckMode#N} was refused later ({@code NAK});
     * its stage had already completed. (Mode A failures complete the stage exceptionally instead.)
     */
    default void onDeliveryFailed(MimeMessage undelivered) {
    }

    /**
     * The switchboard is about to close because nothing was said for {@code limit}
     * ({@link MsnClientConfig#switchboardIdleTimeout()}); {@link #onClosed()} follows.
     */
    default void onIdleTimeout(Duration limit) {
    }

    /** The switchboard closed: by {@link SwitchboardSession#close()}, idle timeout, the last participant leaving, or the connection ending. Called once. */
    default void onClosed() {
    }
}
