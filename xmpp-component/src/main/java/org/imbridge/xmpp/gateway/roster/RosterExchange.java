package org.imbridge.xmpp.gateway.roster;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * The XEP-0144 roster item exchange element:
 *
 * <pre>
 * &lt;x xmlns='http://jabber.org/protocol/rosterx'&gt;
 *   &lt;item action='modify' jid='bob%hotmail.com@msn.example' name='Bob'&gt;&lt;group&gt;Work&lt;/group&gt;&lt;/item&gt;
 * &lt;/x&gt;
 * </pre>
 *
 * @see <a href="https://xmpp.org/extensions/xep-0144.html">XEP-0144: Roster Item Exchange</a>
 */
public final class RosterExchange implements ExtensionElement {

    public static final String ELEMENT = "x";
    public static final String NAMESPACE = "http://jabber.org/protocol/rosterx";

    /** What the receiver is asked to do with an item. */
    public enum Action {
        ADD, MODIFY, DELETE;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** @return the action of an {@code action} attribute; absent means add (XEP-0144 §4) */
        static Action fromWire(String value) {
            return value == null ? ADD : switch (value) {
                case "modify" -> MODIFY;
                case "delete" -> DELETE;
                default -> ADD;
            };
        }
    }

    /** One suggested roster item. */
    public record Item(Action action, String jid, String name, Set<String> groups) {
        public Item {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(jid, "jid");
            groups = Set.copyOf(groups);
        }
    }

    private final List<Item> items;

    public RosterExchange(List<Item> items) {
        this.items = List.copyOf(items);
    }

    /** @return the message's roster exchange, or null */
    public static RosterExchange from(Message message) {
        return message.getExtension(RosterExchange.class);
    }

    public List<Item> items() {
        return items;
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        xml.rightAngleBracket();
        for (Item item : items) {
            xml.halfOpenElement("item").attribute("action", item.action().wire()).attribute("jid", item.jid())
                    .optAttribute("name", item.name());
            if (item.groups().isEmpty()) {
                xml.closeEmptyElement();
            } else {
                xml.rightAngleBracket();
                item.groups().stream().sorted().forEach(g -> xml.element("group", g));
                xml.closeElement("item");
            }
        }
        xml.closeElement(this);
        return xml;
    }
}
