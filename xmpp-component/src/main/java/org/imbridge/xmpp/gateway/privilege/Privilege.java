package org.imbridge.xmpp.gateway.privilege;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.xml.namespace.QName;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * The XEP-0356 {@code <privilege/>} advertisement: what a server lets its component do on behalf of
 * the server's users.
 *
 * <pre>
 * &lt;message from='localhost' to='msn.localhost'&gt;
 *   &lt;privilege xmlns='urn:xmpp:privilege:2'&gt;
 *     &lt;perm access='roster' type='both'/&gt;
 *     &lt;perm access='message' type='outgoing'/&gt;
 *   &lt;/privilege&gt;
 * &lt;/message&gt;
 * </pre>
 *
 * <p>Both the current namespace ({@value #NAMESPACE}) and the older {@value #NAMESPACE_V1} (ejabberd
 * 23.01) are parsed, so that the gateway can recognise the old one and decline to use it.
 *
 * @see <a href="https://xmpp.org/extensions/xep-0356.html">XEP-0356: Privileged Entity</a>
 */
public final class Privilege implements ExtensionElement {

    public static final String ELEMENT = "privilege";
    /** The namespace this gateway uses. */
    public static final String NAMESPACE = "urn:xmpp:privilege:2";
    /** The namespace of XEP-0356 before version 0.4; recognised, never used. */
    public static final String NAMESPACE_V1 = "urn:xmpp:privilege:1";

    private final String namespace;
    private final List<Perm> perms;

    /**
     * @param namespace {@link #NAMESPACE} or {@link #NAMESPACE_V1}
     * @param perms     the permissions, in document order
     */
    public Privilege(String namespace, List<Perm> perms) {
        if (!NAMESPACE.equals(namespace) && !NAMESPACE_V1.equals(namespace)) {
            throw new IllegalArgumentException("not a XEP-0356 namespace: " + namespace);
        }
        this.namespace = namespace;
        this.perms = List.copyOf(perms);
    }

    /**
     * @param message any message
     * @return its privilege advertisement in either namespace (the current one first), or null
     */
    public static Privilege from(Message message) {
        for (String namespace : List.of(NAMESPACE, NAMESPACE_V1)) {
            if (message.getExtension(new QName(namespace, ELEMENT)) instanceof Privilege privilege) {
                return privilege;
            }
        }
        return null;
    }

    /** @return true for {@value #NAMESPACE}, false for the older {@value #NAMESPACE_V1} */
    public boolean isCurrentVersion() {
        return NAMESPACE.equals(namespace);
    }

    /** @return every {@code <perm/>}, in document order */
    public List<Perm> perms() {
        return perms;
    }

    /**
     * @param access e.g. {@link Perm#ROSTER}
     * @return the first permission for that kind of access, if granted at all
     */
    public Optional<Perm> perm(String access) {
        return perms.stream().filter(p -> p.access().equals(access)).findFirst();
    }

    /** @return what the roster permission allows; {@link RosterAccess#NONE} when there is none */
    public RosterAccess rosterAccess() {
        return perm(Perm.ROSTER).map(p -> RosterAccess.of(p.type())).orElse(RosterAccess.NONE);
    }

    @Override
    public String getElementName() {
        return ELEMENT;
    }

    @Override
    public String getNamespace() {
        return namespace;
    }

    @Override
    public XmlStringBuilder toXML(XmlEnvironment enclosingNamespace) {
        XmlStringBuilder xml = new XmlStringBuilder(this, enclosingNamespace);
        if (perms.isEmpty()) {
            return xml.closeEmptyElement();
        }
        xml.rightAngleBracket();
        for (Perm perm : perms) {
            perm.appendTo(xml);
        }
        return xml.closeElement(this);
    }

    @Override
    public String toString() {
        return namespace + " " + perms;
    }

    /**
     * One {@code <perm/>}.
     *
     * @param access     {@value #ROSTER}, {@value #MESSAGE}, {@value #PRESENCE} or {@value #IQ}
     * @param type       e.g. {@code both} for roster; {@code null} when absent (as for {@code iq})
     * @param namespaces for {@code iq} access: namespace → type ({@code get}, {@code set},
     *                   {@code both}) of each {@code <namespace/>} child, in document order
     */
    public record Perm(String access, String type, Map<String, String> namespaces) {

        public static final String ROSTER = "roster";
        public static final String MESSAGE = "message";
        public static final String PRESENCE = "presence";
        public static final String IQ = "iq";

        public Perm {
            Objects.requireNonNull(access, "access");
            namespaces = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(namespaces));
        }

        /** A permission without {@code <namespace/>} children. */
        public static Perm of(String access, String type) {
            return new Perm(access, type, Map.of());
        }

        void appendTo(XmlStringBuilder xml) {
            xml.halfOpenElement("perm").attribute("access", access).optAttribute("type", type);
            if (namespaces.isEmpty()) {
                xml.closeEmptyElement();
                return;
            }
            xml.rightAngleBracket();
            namespaces.forEach((ns, nsType) -> xml.halfOpenElement("namespace").attribute("ns", ns)
                    .optAttribute("type", nsType).closeEmptyElement());
            xml.closeElement("perm");
        }

        @Override
        public String toString() {
            return access + "=" + type + (namespaces.isEmpty() ? "" : namespaces.toString());
        }
    }
}
