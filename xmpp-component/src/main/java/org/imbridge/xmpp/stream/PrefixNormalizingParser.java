package org.imbridge.xmpp.stream;

import java.io.IOException;

import javax.xml.namespace.QName;

import org.jivesoftware.smack.xml.SmackXmlParser;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smack.xml.XmlPullParserFactory;

/**
 * Makes Smack's parser report the default namespace declaration with a {@code null} prefix.
 *
 * <p>Smack's StAX back-end uses whatever {@code XMLInputFactory} the service loader finds; with
 * Aalto on the class path that is Aalto, which reports the default namespace's prefix as {@code ""}
 * where StAX (and Smack) expect {@code null}. Smack then gives every unknown extension element a
 * bogus {@code xmlns:} attribute (invalid XML when it is written out again) and, with assertions
 * enabled, throws an {@code AssertionError} that kills the reading thread. This wrapper corrects
 * that one method and delegates everything else.
 */
final class PrefixNormalizingParser implements XmlPullParser {

    private final XmlPullParser delegate;

    private PrefixNormalizingParser(XmlPullParser delegate) {
        this.delegate = delegate;
    }

    /** Wraps Smack's current parser factory, once, for every Smack parser in this JVM. */
    static synchronized void install() {
        XmlPullParserFactory current = SmackXmlParser.getXmlPullParserFactory();
        if (!(current instanceof Factory)) {
            SmackXmlParser.setXmlPullParserFactory(new Factory(current));
        }
    }

    private static final class Factory implements XmlPullParserFactory {
        private final XmlPullParserFactory delegate;

        Factory(XmlPullParserFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public XmlPullParser newXmlPullParser(java.io.Reader reader) throws XmlPullParserException {
            return new PrefixNormalizingParser(delegate.newXmlPullParser(reader));
        }
    }

    @Override
    public String getNamespacePrefix(int pos) throws XmlPullParserException {
        String prefix = delegate.getNamespacePrefix(pos);
        return prefix == null || prefix.isEmpty() ? null : prefix;
    }

    // ---- plain delegation ----

    @Override
    public Object getProperty(String name) {
        return delegate.getProperty(name);
    }

    @Override
    public String getInputEncoding() {
        return delegate.getInputEncoding();
    }

    @Override
    public int getNamespaceCount() throws XmlPullParserException {
        return delegate.getNamespaceCount();
    }

    @Override
    public String getNamespaceUri(int pos) throws XmlPullParserException {
        return delegate.getNamespaceUri(pos);
    }

    @Override
    public String getNamespace(String prefix) {
        return delegate.getNamespace(prefix);
    }

    @Override
    public String getDefaultNamespace() {
        return delegate.getDefaultNamespace();
    }

    @Override
    public int getDepth() {
        return delegate.getDepth();
    }

    @Override
    public String getPositionDescription() {
        return delegate.getPositionDescription();
    }

    @Override
    public int getLineNumber() {
        return delegate.getLineNumber();
    }

    @Override
    public int getColumnNumber() {
        return delegate.getColumnNumber();
    }

    @Override
    public boolean isWhiteSpace() throws XmlPullParserException {
        return delegate.isWhiteSpace();
    }

    @Override
    public String getText() {
        return delegate.getText();
    }

    @Override
    public String getNamespace() {
        return delegate.getNamespace();
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public QName getQName() {
        return delegate.getQName();
    }

    @Override
    public String getPrefix() {
        return delegate.getPrefix();
    }

    @Override
    public int getAttributeCount() {
        return delegate.getAttributeCount();
    }

    @Override
    public String getAttributeNamespace(int index) {
        return delegate.getAttributeNamespace(index);
    }

    @Override
    public String getAttributeName(int index) {
        return delegate.getAttributeName(index);
    }

    @Override
    public QName getAttributeQName(int index) {
        return delegate.getAttributeQName(index);
    }

    @Override
    public String getAttributePrefix(int index) {
        return delegate.getAttributePrefix(index);
    }

    @Override
    public String getAttributeType(int index) {
        return delegate.getAttributeType(index);
    }

    @Override
    public String getAttributeValue(int index) {
        return delegate.getAttributeValue(index);
    }

    @Override
    public String getAttributeValue(String namespace, String name) {
        return delegate.getAttributeValue(namespace, name);
    }

    @Override
    public String getAttributeValue(String name) {
        return delegate.getAttributeValue(name);
    }

    @Override
    public Event getEventType() throws XmlPullParserException {
        return delegate.getEventType();
    }

    @Override
    public Event next() throws IOException, XmlPullParserException {
        return delegate.next();
    }

    @Override
    public String nextText() throws IOException, XmlPullParserException {
        return delegate.nextText();
    }

    @Override
    public TagEvent nextTag() throws IOException, XmlPullParserException {
        return delegate.nextTag();
    }

    @Override
    public boolean supportsRoundtrip() {
        return delegate.supportsRoundtrip();
    }
}
