package org.imbridge.xmpp.stream;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * Re-serializes one top-level element from the parser's events into a self-contained string:
 * every namespace prefix used inside the element is declared in it, including those the stream
 * header declared (such as {@code stream:}), so the result can be parsed on its own.
 *
 * <p>{@value StreamEvent#COMPONENT_NAMESPACE} is written as {@value #CLIENT_NAMESPACE} wherever it
 * appears, because Smack only fills stanza bodies and extensions for that namespace.
 */
final class ElementWriter {

    static final String CLIENT_NAMESPACE = "jabber:client";

    private final StringBuilder xml = new StringBuilder(256);
    /** Namespace bindings (prefix, "" for the default, to URI) in scope in the output, per open element. */
    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();
    private boolean startTagOpen;

    /**
     * Writes the start tag of the element the reader is positioned on.
     *
     * @param reader a reader at a START_ELEMENT event
     */
    void start(XMLStreamReader reader) {
        closeStartTag();
        Map<String, String> inScope = scopes.isEmpty() ? Map.of() : scopes.peek();
        Map<String, String> declare = new LinkedHashMap<>();
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            declare.put(nonNull(reader.getNamespacePrefix(i)), rewrite(reader.getNamespaceURI(i)));
        }
        String prefix = nonNull(reader.getPrefix());
        declare.putIfAbsent(prefix, rewrite(reader.getNamespaceURI()));
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String attributePrefix = nonNull(reader.getAttributePrefix(i));
            if (!attributePrefix.isEmpty() && !XMLConstants.XML_NS_PREFIX.equals(attributePrefix)) {
                declare.putIfAbsent(attributePrefix, rewrite(reader.getAttributeNamespace(i)));
            }
        }
        declare.entrySet().removeIf(e -> e.getValue().equals(inScope.getOrDefault(e.getKey(), "")));

        xml.append('<');
        appendName(prefix, reader.getLocalName());
        for (Map.Entry<String, String> binding : declare.entrySet()) {
            xml.append(binding.getKey().isEmpty() ? " xmlns" : " xmlns:" + binding.getKey());
            appendAttributeValue(binding.getValue());
        }
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            xml.append(' ');
            appendName(nonNull(reader.getAttributePrefix(i)), reader.getAttributeLocalName(i));
            appendAttributeValue(reader.getAttributeValue(i));
        }
        startTagOpen = true;

        Map<String, String> scope = inScope;
        if (!declare.isEmpty()) {
            scope = new HashMap<>(inScope);
            scope.putAll(declare);
        }
        scopes.push(scope);
    }

    /**
     * Appends character data, escaped.
     *
     * @param chars  the parser's text buffer
     * @param start  offset of the text in it
     * @param length length of the text
     */
    void text(char[] chars, int start, int length) {
        closeStartTag();
        for (int i = start; i < start + length; i++) {
            char c = chars[i];
            switch (c) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '\r' -> xml.append("&#13;");
                default -> xml.append(c);
            }
        }
    }

    /**
     * Writes the end tag of the element the reader is positioned on.
     *
     * @param reader a reader at an END_ELEMENT event
     */
    void end(XMLStreamReader reader) {
        scopes.pop();
        if (startTagOpen) {
            xml.append("/>");
            startTagOpen = false;
            return;
        }
        xml.append("</");
        appendName(nonNull(reader.getPrefix()), reader.getLocalName());
        xml.append('>');
    }

    /** @return the serialized element */
    String result() {
        return xml.toString();
    }

    private void closeStartTag() {
        if (startTagOpen) {
            xml.append('>');
            startTagOpen = false;
        }
    }

    private void appendName(String prefix, String localName) {
        if (!prefix.isEmpty()) {
            xml.append(prefix).append(':');
        }
        xml.append(localName);
    }

    private void appendAttributeValue(String value) {
        xml.append("='");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> xml.append("&amp;");
                case '<' -> xml.append("&lt;");
                case '\'' -> xml.append("&apos;");
                case '\t' -> xml.append("&#9;");
                case '\n' -> xml.append("&#10;");
                case '\r' -> xml.append("&#13;");
                default -> xml.append(c);
            }
        }
        xml.append('\'');
    }

    private static String rewrite(String namespace) {
        String uri = nonNull(namespace);
        return StreamEvent.COMPONENT_NAMESPACE.equals(uri) ? CLIENT_NAMESPACE : uri;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
