package org.imbridge.xmpp.gateway.unsupported;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;

import org.imbridge.core.model.LegacyAddress;
import org.imbridge.xmpp.gateway.mapping.ContactNames;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;

/**
 * "Bob sent you a wink, which this transport cannot show": a {@code chat} message from the contact's
 * JID, so it appears in the conversation with them. At most {@link #PER_MINUTE} a minute per contact
 * (a burst of winks must not flood the user); the next note says how many were left out.
 */
public final class UnsupportedContentNotices {

    public static final int PER_MINUTE = 5;
    private static final int MAX_TRACKED = 10_000;

    private final JidMapping jids;
    private final ContactNames names;
    private final StanzaSink sink;
    private final NoticeRateLimit<Key> limit;

    private record Key(String userJid, LegacyAddress contact) {
    }

    public UnsupportedContentNotices(JidMapping jids, ContactNames names, StanzaSink sink) {
        this(jids, names, sink, Clock.systemUTC());
    }

    UnsupportedContentNotices(JidMapping jids, ContactNames names, StanzaSink sink, Clock clock) {
        this.jids = jids;
        this.names = names;
        this.sink = sink;
        this.limit = new NoticeRateLimit<>(PER_MINUTE, Duration.ofMinutes(1), MAX_TRACKED, clock);
    }

    public void received(String userJid, LegacyAddress from, String what) {
        OptionalInt skipped = limit.tryAcquire(new Key(userJid, from));
        if (skipped.isEmpty()) {
            return;
        }
        String name = names.displayName(userJid, from);
        String text = name + " sent you " + what + ", which this transport cannot show";
        if (skipped.getAsInt() > 0) {
            text += " (and " + skipped.getAsInt() + " more like it you were not told about)";
        }
        sink.send(StanzaBuilder.buildMessage()
                .ofType(Message.Type.chat)
                .from(jids.toJid(from))
                .to(jids.user(userJid))
                .setBody(text)
                .build());
    }

    /** Forgets the counts kept for {@code userJid}, who has unregistered. */
    public void forgetUser(String userJid) {
        limit.forget(key -> key.userJid().equals(userJid));
    }
}
