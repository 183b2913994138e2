package org.imbridge.xmpp.gateway.blocking;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.imbridge.core.model.LegacyAddress;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.blocking.element.BlockContactsIQ;
import org.jivesoftware.smackx.blocking.element.UnblockContactsIQ;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * A change of the user's block list, pushed (XEP-0191 §3.3, §3.4) as an IQ {@code set} from the
 * transport to each of the user's online resources; their answers are not waited for.
 */
public final class BlockListPushes {

    private final JidMapping jids;
    private final StanzaSink sink;
    private final Function<String, Set<String>> resources;

    /**
     * @param resources the names of a user's online resources, by user JID; empty when none
     */
    public BlockListPushes(JidMapping jids, StanzaSink sink, Function<String, Set<String>> resources) {
        this.jids = jids;
        this.sink = sink;
        this.resources = resources;
    }

    public void changed(String userJid, LegacyAddress contact, boolean blocked) {
        Jid item;
        try {
            item = jids.toJid(contact);
        } catch (IllegalArgumentException e) {
            return; // no JID to tell it by; the list query leaves it out as well
        }
        BareJid user = jids.user(userJid);
        for (String resource : resources.apply(userJid)) {
            IQ push = blocked ? new BlockContactsIQ(List.of(item)) : new UnblockContactsIQ(List.of(item));
            push.setType(IQ.Type.set);
            push.setFrom(jids.transport());
            push.setTo(fullJid(user, resource));
            sink.send(push);
        }
    }

    private static Jid fullJid(BareJid user, String resource) {
        if (resource.isEmpty()) {
            return user;
        }
        try {
            return JidCreate.fullFrom(user + "/" + resource);
        } catch (XmppStringprepException e) {
            return user;
        }
    }
}
