package org.imbridge.xmpp.gateway.privilege;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/**
 * Parses {@link Privilege} in either namespace (register it for both); stateless, use
 * {@link #INSTANCE}. A {@code <perm/>} without {@code access} is skipped, unknown children are ignored.
 */
public final class PrivilegeProvider extends ExtensionElementProvider<Privilege> {

    public static final PrivilegeProvider INSTANCE = new PrivilegeProvider();

    @Override
    public Privilege parse(XmlPullParser parser, int initialDepth, XmlEnvironment xmlEnvironment)
            throws XmlPullParserException, IOException {
        String namespace = parser.getNamespace();
        List<Privilege.Perm> perms = new ArrayList<>();
        String access = null;
        String type = null;
        Map<String, String> namespaces = new LinkedHashMap<>();
        outerloop:
        while (true) {
            switch (parser.next()) {
                case START_ELEMENT:
                    if (parser.getDepth() == initialDepth + 1 && "perm".equals(parser.getName())) {
                        access = parser.getAttributeValue("access");
                        type = parser.getAttributeValue("type");
                        namespaces = new LinkedHashMap<>();
                    } else if (parser.getDepth() == initialDepth + 2 && "namespace".equals(parser.getName())) {
                        String ns = parser.getAttributeValue("ns");
                        if (ns != null) {
                            namespaces.put(ns, parser.getAttributeValue("type"));
                        }
                    }
                    break;
                case END_ELEMENT:
                    if (parser.getDepth() == initialDepth) {
                        break outerloop;
                    }
                    if (parser.getDepth() == initialDepth + 1 && "perm".equals(parser.getName())) {
                        if (access != null) {
                            perms.add(new Privilege.Perm(access, type, namespaces));
                        }
                        access = null;
                    }
                    break;
                default:
                    break;
            }
        }
        return new Privilege(namespace, perms);
    }
}
