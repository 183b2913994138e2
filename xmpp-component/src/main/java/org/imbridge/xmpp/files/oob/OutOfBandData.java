package org.imbridge.xmpp.files.oob;

import java.util.Objects;
import java.util.Optional;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * The XEP-0066 element a message carries to point at a file:
 *
 * <pre>
 * &lt;x xmlns='jabber:x:oob'&gt;&lt;url&gt;https://files.example.org/a/photo.jpg&lt;/url&gt;&lt;desc&gt;A photo&lt;/desc&gt;&lt;/x&gt;
 * </pre>
 *
 * @see <a href="https://xmpp.org/extensions/xep-0066.html">XEP-0066: Out of Band Data</a>
 */
public final class OutOfBandData implements ExtensionElement {

    public static final String ELEMENT = "x";
    public static final String NAMESPACE = "jabber:x:oob";
    /** The longest URL or description taken, in characters. */
    public static final int MAX_LENGTH = 4096;

    private final String url;
    private final String desc;

    /**
     * @param url  required, not blank, at most {@link #MAX_LENGTH} characters
     * @param desc optional, at most {@link #MAX_LENGTH} characters
     */
    public OutOfBandData(String url, String desc) {
        Objects.requireNonNull(url, "url");
        if (url.isBlank()) {
            throw new IllegalArgumentException("the OOB url is blank");
        }
        if (url.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the OOB url is longer than " + MAX_LENGTH + " characters");
        }
        if (desc != null && desc.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the OOB description is longer than " + MAX_LENGTH + " characters");
        }
        this.url = url.strip();
        this.desc = desc;
    }

    /** @return the message's out-of-band data, if any */
    public static Optional<OutOfBandData> from(Message message) {
        return Optional.ofNullable(message.getExtension(OutOfBandData.class));
    }

    /** @return the URL of the message's out-of-band data, if any */
    public static Optional<String> urlOf(Message message) {
        return from(message).map(OutOfBandData::url);
    }

    public String url() {
        return url;
    }

    /** @return the description, or null */
    public String desc() {
        return desc;
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
        xml.element("url", url);
        xml.optElement("desc", desc);
        xml.closeElement(this);
        return xml;
    }
}
