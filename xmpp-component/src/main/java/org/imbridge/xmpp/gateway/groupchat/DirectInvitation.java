package org.imbridge.xmpp.gateway.groupchat;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jxmpp.jid.EntityBareJid;

/**
 * XEP-0249 direct invitation, {@code <x xmlns='jabber:x:conference' jid='room' reason='...'/>}
 * (Smack's {@code GroupChatInvitation} has no reason).
 */
final class DirectInvitation implements ExtensionElement {

    static final String NAMESPACE = "jabber:x:conference";
    static final String ELEMENT = "x";
    static final QName QNAME = new QName(NAMESPACE, ELEMENT);

    private final EntityBareJid room;
    private final String reason;

    DirectInvitation(EntityBareJid room, String reason) {
        this.room = room;
        this.reason = reason;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosing) {
        return new XmlStringBuilder(this, enclosing)
                .attribute("jid", room)
                .optAttribute("reason", reason)
                .closeEmptyElement();
    }
}
