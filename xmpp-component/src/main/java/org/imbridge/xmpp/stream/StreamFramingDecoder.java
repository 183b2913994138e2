package org.imbridge.xmpp.stream;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolDecoderOutput;

/**
 * Frames the server's XML stream into {@link StreamEvent}s with Aalto's non-blocking parser: the
 * depth-1 start tag is the stream header, each completed depth-2 element one top-level element
 * (re-serialized by {@link ElementWriter}), and the depth-1 end tag the end of the stream.
 *
 * <p>One instance, and so one parser, per connection ({@link ComponentCodecFactory} makes a new one
 * for each session). Aalto keeps partial tokens itself, so every buffer is fed whole and consumed
 * whole; events are pulled until the parser needs more input.
 *
 * <p>Limits and restrictions (RFC 6120 §11): no DTD and no entity references (a DOCTYPE or an
 * undeclared entity fails the stream with {@code restricted-xml}); no text other than whitespace
 * between top-level elements; each top-level element, and the header, may take at most
 * {@code maxElementBytes} bytes on the wire, which is checked while the element is still arriving,
 * so a peer cannot make the parser buffer more than one read beyond the limit. Comments and
 * processing instructions are dropped. After a failure the decoder discards all further input: the
 * connection must be closed.
 */
public final class StreamFramingDecoder implements ProtocolDecoder {

    private static final AsyncXMLInputFactory FACTORY = newFactory();

    private final int maxElementBytes;
    private final AsyncXMLStreamReader<AsyncByteArrayFeeder> reader = FACTORY.createAsyncForByteArray();
    private byte[] chunk = new byte[2048];

    /** Bytes fed to the parser so far. */
    private long fed;
    /** Where the pending top-level element (or whitespace before it) begins: the end of the last depth-1 event. */
    private long boundary;
    private int depth;
    private boolean failed;
    private boolean ended;

    private ElementWriter element;
    private String elementName;
    private String elementNamespace;
    private StreamErrorReader streamError;

    /**
     * @param maxElementBytes the largest top-level element (and stream header) accepted, in bytes
     */
    public StreamFramingDecoder(int maxElementBytes) {
        if (maxElementBytes <= 0) {
            throw new IllegalArgumentException("maxElementBytes must be positive, not " + maxElementBytes);
        }
        this.maxElementBytes = maxElementBytes;
    }

    @Override
    public void decode(IoSession session, IoBuffer in, ProtocolDecoderOutput out) throws XmlStreamException {
        int length = in.remaining();
        if (failed || ended) {
            in.position(in.limit());
            return;
        }
        if (chunk.length < length) {
            chunk = new byte[Math.max(length, chunk.length * 2)];
        }
        in.get(chunk, 0, length);
        try {
            // Always from offset 0: Aalto 1.3.4 miscounts byte offsets when a feed starts elsewhere.
            reader.getInputFeeder().feedInput(chunk, 0, length);
            fed += length;
            pullEvents(out);
            if (!ended) {
                checkPendingSize();
            }
        } catch (XMLStreamException e) {
            failed = true;
            throw new XmlStreamException("not-well-formed", "malformed XML from the server: " + e.getMessage(), e);
        } catch (XmlStreamException e) {
            failed = true;
            throw e;
        }
    }

    private void pullEvents(ProtocolDecoderOutput out) throws XMLStreamException, XmlStreamException {
        int event;
        while (!ended && (event = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> onStartElement(out);
                case XMLStreamConstants.END_ELEMENT -> onEndElement(out);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> onText();
                case XMLStreamConstants.DTD ->
                        throw new XmlStreamException("restricted-xml", "the server sent a DOCTYPE declaration");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new XmlStreamException("restricted-xml",
                        "the server sent an entity reference &" + reader.getLocalName() + ";");
                default -> {
                    // XML declaration, comments and processing instructions carry nothing for us.
                }
            }
        }
    }

    private void onStartElement(ProtocolDecoderOutput out) throws XmlStreamException, XMLStreamException {
        depth++;
        if (depth == 1) {
            out.write(readHeader());
            boundary = endOffset();
            return;
        }
        if (depth == 2) {
            element = new ElementWriter();
            elementName = reader.getLocalName();
            elementNamespace = nonNull(reader.getNamespaceURI());
            boolean isError = StreamEvent.STREAMS_NAMESPACE.equals(elementNamespace) && "error".equals(elementName);
            streamError = isError ? new StreamErrorReader() : null;
        } else if (depth == 3 && streamError != null) {
            streamError.startChild(nonNull(reader.getNamespaceURI()), reader.getLocalName());
        }
        element.start(reader);
    }

    private void onEndElement(ProtocolDecoderOutput out) throws XmlStreamException, XMLStreamException {
        depth--;
        if (depth == 0) {
            ended = true;
            out.write(new StreamEvent.Closed());
            return;
        }
        element.end(reader);
        if (depth == 2 && streamError != null) {
            streamError.endChild();
        }
        if (depth == 1) {
            long size = endOffset() - boundary;
            if (size > maxElementBytes) {
                throw tooLarge(size);
            }
            out.write(completedElement());
            element = null;
            elementName = null;
            streamError = null;
            boundary = endOffset();
        }
    }

    private StreamEvent completedElement() {
        if (streamError != null) {
            return streamError.result();
        }
        if ("handshake".equals(elementName) && StreamEvent.COMPONENT_NAMESPACE.equals(elementNamespace)) {
            return new StreamEvent.HandshakeAccepted();
        }
        return new StreamEvent.Element(elementName, elementNamespace, element.result());
    }

    private void onText() throws XmlStreamException, XMLStreamException {
        if (depth >= 2) {
            element.text(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
            if (streamError != null) {
                streamError.text(reader.getText());
            }
            return;
        }
        if (!isWhitespace(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength())) {
            throw new XmlStreamException("bad-format", "the server sent text outside of any stanza");
        }
        if (depth == 1) {
            boundary = endOffset();
        }
    }

    private StreamEvent.Opened readHeader() throws XmlStreamException {
        String namespace = nonNull(reader.getNamespaceURI());
        if (!"stream".equals(reader.getLocalName()) || !StreamEvent.STREAMS_NAMESPACE.equals(namespace)) {
            throw new XmlStreamException("invalid-namespace", "the server's stream does not start with "
                    + "<stream:stream xmlns:stream='" + StreamEvent.STREAMS_NAMESPACE + "'> but with <"
                    + reader.getLocalName() + "> in namespace '" + namespace + "'");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String prefix = nonNull(reader.getAttributePrefix(i));
            String name = prefix.isEmpty() ? reader.getAttributeLocalName(i) : prefix + ":" + reader.getAttributeLocalName(i);
            attributes.put(name, reader.getAttributeValue(i));
        }
        return new StreamEvent.Opened(attributes.getOrDefault("id", ""), attributes.getOrDefault("from", ""),
                attributes);
    }

    private void checkPendingSize() throws XmlStreamException {
        long pending = fed - boundary;
        if (pending > maxElementBytes) {
            throw tooLarge(pending);
        }
    }

    private XmlStreamException tooLarge(long size) {
        String what = depth == 0 ? "stream header" : elementName == null ? "top-level element" : "<" + elementName + ">";
        return new XmlStreamException("policy-violation", "the server sent a " + what + " of more than "
                + (size > maxElementBytes ? maxElementBytes : size) + " bytes (the limit is " + maxElementBytes
                + " bytes)");
    }

    private long endOffset() throws XMLStreamException {
        return reader.getLocationInfo().getEndingByteOffset();
    }

    @Override
    public void finishDecode(IoSession session, ProtocolDecoderOutput out) {
        // An unfinished element at the end of the connection is simply lost.
    }

    @Override
    public void dispose(IoSession session) {
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // Nothing to release beyond the parser's own buffers.
        }
    }

    private static boolean isWhitespace(char[] chars, int start, int length) {
        for (int i = start; i < start + length; i++) {
            char c = chars[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static AsyncXMLInputFactory newFactory() {
        AsyncXMLInputFactory factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    /** Collects the condition and text of a {@code <stream:error>} while it is being framed. */
    private static final class StreamErrorReader {
        private String condition = "undefined-condition";
        private boolean conditionSeen;
        private boolean inText;
        private final StringBuilder text = new StringBuilder();

        void startChild(String namespace, String localName) {
            if (!StreamEvent.STREAM_ERROR_NAMESPACE.equals(namespace)) {
                return;
            }
            if ("text".equals(localName)) {
                inText = true;
            } else if (!conditionSeen) {
                condition = localName;
                conditionSeen = true;
            }
        }

        void endChild() {
            inText = false;
        }

        void text(String chars) {
            if (inText) {
                text.append(chars);
            }
        }

        StreamEvent.ErrorReceived result() {
            return new StreamEvent.ErrorReceived(condition, text.toString().strip());
        }
    }
}
