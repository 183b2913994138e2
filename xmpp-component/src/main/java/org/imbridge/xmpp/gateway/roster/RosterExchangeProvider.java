package org.imbridge.xmpp.gateway.roster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/** Parses {@link RosterExchange}; stateless, use {@link #INSTANCE}. Items without a jid are skipped. */
public final class RosterExchangeProvider extends ExtensionElementProvider<RosterExchange> {

    public static final RosterExchangeProvider INSTANCE = new RosterExchangeProvider();

    @Override
    public RosterExchange parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        List<RosterExchange.Item> items = new ArrayList<>();
        String action = null;
        String jid = null;
        String name = null;
        Set<String> groups = new LinkedHashSet<>();
        outerloop:
        while (true) {
            switch (parser.next()) {
                case START_ELEMENT:
                    if (parser.getDepth() == initialDepth + 1 && "item".equals(parser.getName())) {
                        action = parser.getAttributeValue("action");
                        jid = parser.getAttributeValue("jid");
                        name = parser.getAttributeValue("name");
                        groups = new LinkedHashSet<>();
                    } else if (parser.getDepth() == initialDepth + 2 && "group".equals(parser.getName())) {
                        String group = parser.nextText();
                        if (group != null && !group.isBlank()) {
                            groups.add(group);
                        }
                    }
                    break;
                case END_ELEMENT:
                    if (parser.getDepth() == initialDepth) {
                        break outerloop;
                    }
                    if (parser.getDepth() == initialDepth + 1 && "item".equals(parser.getName()) && jid != null) {
                        items.add(new RosterExchange.Item(RosterExchange.Action.fromWire(action), jid, name, groups));
                        jid = null;
                    }
                    break;
                default:
                    break;
            }
        }
        return new RosterExchange(items);
    }
}
