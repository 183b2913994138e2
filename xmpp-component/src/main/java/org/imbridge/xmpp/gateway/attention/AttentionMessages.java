package org.imbridge.xmpp.gateway.attention;

import org.imbridge.core.model.LegacyAddress;
import org.imbridge.xmpp.gateway.mapping.ContactNames;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.attention.packet.AttentionExtension;

/**
 * A contact wants the user's attention: a {@code headline} (XEP-0224 §4: attention is not part of the
 * conversation, and headlines are not stored offline, so a stale nudge is not shown hours later) from
 * the contact's JID with {@code <attention/>}, and a body for clients that do not know XEP-0224.
 */
public final class AttentionMessages {

    public static final String NAMESPACE = "urn:xmpp:attention:0";

    private final JidMapping jids;
    private final ContactNames names;
    private final StanzaSink sink;

    public AttentionMessages(JidMapping jids, ContactNames names, StanzaSink sink) {
        this.jids = jids;
        this.names = names;
        this.sink = sink;
    }

    public void send(String userJid, LegacyAddress from) {
        sink.send(StanzaBuilder.buildMessage()
                .ofType(Message.Type.headline)
                .from(jids.toJid(from))
                .to(jids.user(userJid))
                .setBody(names.displayName(userJid, from) + " wants your attention")
                .addExtension(new AttentionExtension())
                .build());
    }

    /** True when {@code message} carries {@code <attention xmlns='urn:xmpp:attention:0'/>}. */
    public static boolean requestsAttention(Message message) {
        return message.hasExtension(AttentionExtension.ELEMENT_NAME, NAMESPACE);
    }
}
