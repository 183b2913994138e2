package org.imbridge.xmpp.stream;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
 * <p>Restrictions (RFC 6120 §11): the input must be strict UTF-8 ({@link Utf8Validator}: Aalto itself
 * accepts overlong forms); no DTD and no entity references (a DOCTYPE or an undeclared entity fails
 * the stream with {@code restricted-xml}); no text other than whitespace between top-level elements.
 * Comments and processing instructions are dropped.
 *
 * <p>Limits. A top-level element that is too large or too deep is that element's problem, not the
 * stream's: the decoder stops keeping its content, goes on tokenizing and counting depth, and at its
 * end emits {@link StreamEvent.Rejected} with the element's {@link StreamEvent.Envelope}, so the
 * connection can bounce it; the next element is framed as usual.
 * <ul>
 *   <li>Size: an element of more than {@code maxElementBytes} bytes on the wire is rejected. This is
 *       checked while the element is still arriving, so its content is never held beyond one read
 *       past the limit.</li>
 *   <li>Depth: an element nested more than {@link #MAX_NESTING_DEPTH} levels deep (the top-level
 *       element is level 1) is rejected, well before Smack's recursive parser could overflow the
 *       stack.</li>
 *   <li>What the parser must hold whole still fails the stream with {@code policy-violation}: a
 *       single token (the stream header, a start tag with its attributes, a comment, a processing
 *       instruction, a CDATA section; character data is returned piecewise with coalescing off, so it
 *       does not count) of more than {@code maxElementBytes} bytes; a rejected
 *       element nested more than {@link #MAX_SKIPPED_DEPTH} levels deep (the parser keeps a scope per
 *       open element); and a rejected element of more than {@link #SKIPPED_BYTES_FACTOR} times
 *       {@code maxElementBytes}.</li>
 *   <li>Names: Aalto interns every element and attribute name in a table that only grows and whose
 *       inserts slow down with its size (at 100,000 distinct names, a 20 KB stanza cost 100–300 ms
 *       of the I/O thread). So a parser that has seen more than {@link #MAX_NAMES_PER_PARSER}
 *       distinct names is replaced by a fresh one at the next top-level boundary, primed with the
 *       stream header's namespace declarations; a single element that brings a parser past
 *       {@link #MAX_NAMES_PER_ELEMENT} distinct names fails the stream.</li>
 * </ul>
 * Every failure is an {@link XmlStreamException} with a short message and no stream content; after
 * one the decoder discards all further input: the connection must be closed.
 */
public final class StreamFramingDecoder implements ProtocolDecoder {

    /**
     * The deepest nesting accepted inside a top-level element, counting the element itself as level
     * 1. Real stanzas stay under 20 levels (XHTML-IM, forwarded messages); Smack's parser recurses per
     * level and overflowed a default thread stack at about 5,000.
     */
    public static final int MAX_NESTING_DEPTH = 128;
    /** The deepest nesting a rejected element may reach before the stream itself is failed. */
    static final int MAX_SKIPPED_DEPTH = 65_536;
    /** A rejected element may take this many times the size limit before the stream itself is failed. */
    static final int SKIPPED_BYTES_FACTOR = 64;
    /** Distinct names a parser may intern before it is replaced at the next top-level boundary. */
    static final int MAX_NAMES_PER_PARSER = 4_096;
    /** Distinct names a parser may intern before the stream is failed: only one huge element gets here. */
    static final int MAX_NAMES_PER_ELEMENT = 16_384;

    private static final int MAX_MESSAGE_CHARS = 160;

    private final int maxElementBytes;
    private final long maxSkippedBytes;
    /** The current parser; replaced now and then (see the class comment), so never cache it. */
    private AsyncXMLStreamReader<AsyncByteArrayFeeder> reader = newReader();
    /** Stream offset = the current parser's byte offset + this (it began on a synthetic header). */
    private long readerShift;
    /** Qualified names the current parser has interned (element, attribute and namespace prefix names). */
    private final Set<String> readerNames = new HashSet<>();
    /** The stream header's tag with its namespace declarations, to prime a replacement parser. */
    private byte[] primingHeader;
    private final Utf8Validator utf8 = new Utf8Validator();
    private byte[] chunk = new byte[2048];

    /** Bytes of the stream fed to the parsers so far. */
    private long fed;
    /** The bytes in {@code chunk} not yet handed over to a parser, and the stream offset of the first. */
    private int chunkLength;
    private long chunkStart;
    /** Where the pending top-level element (or whitespace before it) begins: the end of the last depth-1 event. */
    private long boundary;
    /** The end of the last event: what the parser has read beyond it, it holds as one partial token. */
    private long tokenStart;
    private int depth;
    private boolean failed;
    private boolean ended;

    /** The pending top-level element's start tag; null between elements. */
    private StreamEvent.Envelope envelope;
    /** Its content so far; null when it is being skipped. */
    private ElementWriter element;
    /** Why it is being skipped; null if it is not. */
    private StreamEvent.Rejected.Reason rejection;
    private StreamErrorReader streamError;

    /**
     * @param maxElementBytes the largest top-level element (and stream header) accepted, in bytes
     */
    public StreamFramingDecoder(int maxElementBytes) {
        if (maxElementBytes <= 0) {
            throw new IllegalArgumentException("maxElementBytes must be positive, not " + maxElementBytes);
        }
        this.maxElementBytes = maxElementBytes;
        this.maxSkippedBytes = (long) maxElementBytes * SKIPPED_BYTES_FACTOR;
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
            utf8.check(chunk, 0, length);
            // Always from offset 0: Aalto 1.3.4 miscounts byte offsets when a feed starts elsewhere.
            reader.getInputFeeder().feedInput(chunk, 0, length);
            chunkStart = fed;
            chunkLength = length;
            fed += length;
            pullEvents(out);
            if (!ended) {
                checkLimits();
            }
        } catch (XmlStreamException e) {
            failed = true;
            throw e;
        } catch (XMLStreamException e) {
            failed = true;
            throw malformed(e);
        } catch (RuntimeException e) {
            // Aalto reports some errors unchecked: getText() wraps them in UncheckedStreamException
            // (e.g. for &#0;). Left to MINA, they would be logged with a hex dump of the input.
            failed = true;
            throw malformed(e.getCause() instanceof XMLStreamException x ? x : e);
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
                        "the server sent an entity reference");
                default -> {
                    // XML declaration, comments and processing instructions carry nothing for us.
                }
            }
            tokenStart = endOffset();
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
            envelope = readEnvelope();
            element = new ElementWriter();
            boolean isError = StreamEvent.STREAMS_NAMESPACE.equals(envelope.namespace())
                    && "error".equals(envelope.name());
            streamError = isError ? new StreamErrorReader() : null;
        }
        countNames();
        int level = depth - 1;
        if (level > MAX_NESTING_DEPTH && rejection == null) {
            reject(StreamEvent.Rejected.Reason.TOO_DEEP);
        }
        if (level > MAX_SKIPPED_DEPTH) {
            throw new XmlStreamException("policy-violation", "the server sent a " + describePending()
                    + " nested more than " + MAX_SKIPPED_DEPTH + " levels deep");
        }
        if (element == null) {
            return;
        }
        if (depth == 3 && streamError != null) {
            streamError.startChild(nonNull(reader.getNamespaceURI()), reader.getLocalName());
        }
        element.start(reader);
    }

    private void onEndElement(ProtocolDecoderOutput out) throws XMLStreamException {
        depth--;
        if (depth == 0) {
            ended = true;
            out.write(new StreamEvent.Closed());
            return;
        }
        if (element != null) {
            element.end(reader);
            if (depth == 2 && streamError != null) {
                streamError.endChild();
            }
        }
        if (depth == 1) {
            if (rejection == null && endOffset() - boundary > maxElementBytes) {
                reject(StreamEvent.Rejected.Reason.TOO_LARGE);
            }
            out.write(rejection != null ? new StreamEvent.Rejected(envelope, rejection) : completedElement());
            envelope = null;
            element = null;
            rejection = null;
            streamError = null;
            boundary = endOffset();
            if (readerNames.size() > MAX_NAMES_PER_PARSER) {
                renewReader();
            }
        }
    }

    private void countNames() throws XmlStreamException {
        readerNames.add(qualified(reader.getPrefix(), reader.getLocalName()));
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            readerNames.add(qualified(reader.getAttributePrefix(i), reader.getAttributeLocalName(i)));
        }
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            readerNames.add(qualified("xmlns", reader.getNamespacePrefix(i)));
        }
        if (readerNames.size() > MAX_NAMES_PER_ELEMENT) {
            throw new XmlStreamException("policy-violation", "the server sent a " + describePending()
                    + " with more than " + MAX_NAMES_PER_ELEMENT + " distinct element and attribute names");
        }
    }

    /**
     * Goes on with a fresh parser right after the top-level element just ended: primed with the
     * stream header, then fed the rest of the current read. Offsets stay in stream coordinates.
     */
    private void renewReader() throws XMLStreamException {
        long resumeAt = endOffset();
        int consumed = (int) (resumeAt - chunkStart);
        int rest = chunkLength - consumed;
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // Nothing to release beyond the parser's own buffers.
        }
        reader = newReader();
        readerNames.clear();
        reader.getInputFeeder().feedInput(primingHeader, 0, primingHeader.length);
        while (reader.next() != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
            // the document start and the header's start tag
        }
        readerShift = resumeAt - primingHeader.length;
        System.arraycopy(chunk, consumed, chunk, 0, rest);
        chunkStart = resumeAt;
        chunkLength = rest;
        if (rest > 0) {
            reader.getInputFeeder().feedInput(chunk, 0, rest);
        }
    }

    /** Stops keeping the pending element: only its end is still looked for. */
    private void reject(StreamEvent.Rejected.Reason reason) {
        rejection = reason;
        element = null;
        streamError = null;
    }

    private StreamEvent completedElement() {
        if (streamError != null) {
            return streamError.result();
        }
        if ("handshake".equals(envelope.name()) && StreamEvent.COMPONENT_NAMESPACE.equals(envelope.namespace())) {
            return new StreamEvent.HandshakeAccepted();
        }
        return new StreamEvent.Element(envelope, element.result());
    }

    private void onText() throws XmlStreamException, XMLStreamException {
        if (depth >= 2) {
            if (element == null) {
                // Skipped, but still decoded: Aalto checks character references only when asked for the text.
                reader.getTextLength();
                return;
            }
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
        primingHeader = primingHeader().getBytes(StandardCharsets.UTF_8);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String prefix = nonNull(reader.getAttributePrefix(i));
            String name = prefix.isEmpty() ? reader.getAttributeLocalName(i) : prefix + ":" + reader.getAttributeLocalName(i);
            attributes.put(name, reader.getAttributeValue(i));
        }
        return new StreamEvent.Opened(attributes.getOrDefault("id", ""), attributes.getOrDefault("from", ""),
                attributes);
    }

    /** The header's start tag with only its namespace declarations, e.g. {@code <stream:stream xmlns:stream='…' xmlns='…'>}. */
    private String primingHeader() {
        StringBuilder tag = new StringBuilder("<").append(qualified(reader.getPrefix(), reader.getLocalName()));
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String prefix = nonNull(reader.getNamespacePrefix(i));
            tag.append(prefix.isEmpty() ? " xmlns" : " xmlns:" + prefix).append("='")
                    .append(nonNull(reader.getNamespaceURI(i)).replace("&", "&amp;").replace("'", "&apos;")
                            .replace("<", "&lt;"))
                    .append('\'');
        }
        return tag.append('>').toString();
    }

    private StreamEvent.Envelope readEnvelope() {
        String from = "";
        String to = "";
        String id = "";
        String type = "";
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            if (!nonNull(reader.getAttributePrefix(i)).isEmpty()) {
                continue;
            }
            String value = reader.getAttributeValue(i);
            switch (reader.getAttributeLocalName(i)) {
                case "from" -> from = value;
                case "to" -> to = value;
                case "id" -> id = value;
                case "type" -> type = value;
                default -> {
                    // not needed to answer the element
                }
            }
        }
        return new StreamEvent.Envelope(reader.getLocalName(), nonNull(reader.getNamespaceURI()), from, to, id, type);
    }

    /** After each read: what the parser holds must stay bounded; an element too large is rejected. */
    private void checkLimits() throws XmlStreamException {
        if (fed - tokenStart > maxElementBytes) {
            String what = depth == 0 ? "stream header" : depth == 1 ? "start tag of a top-level element"
                    : "single token (start tag, comment, processing instruction or CDATA section) in a " + describePending();
            throw new XmlStreamException("policy-violation", "the server sent a " + what + " of more than "
                    + maxElementBytes + " bytes (the limit is " + maxElementBytes + " bytes)");
        }
        if (depth < 2) {
            return;
        }
        long pending = fed - boundary;
        if (rejection == null && pending > maxElementBytes) {
            reject(StreamEvent.Rejected.Reason.TOO_LARGE);
        }
        if (pending > maxSkippedBytes) {
            throw new XmlStreamException("policy-violation", "the server sent a " + describePending()
                    + " of more than " + maxSkippedBytes + " bytes, too large even to skip (the limit is "
                    + maxElementBytes + " bytes)");
        }
    }

    private String describePending() {
        return envelope == null ? "top-level element" : "<" + envelope.name() + ">";
    }

    private static XmlStreamException malformed(Exception e) {
        StringBuilder message = new StringBuilder("malformed XML from the server: ");
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int lineEnd = text.indexOf('\n');
        message.append(text, 0, Math.min(lineEnd < 0 ? text.length() : lineEnd, MAX_MESSAGE_CHARS));
        if (e instanceof XMLStreamException x && x.getLocation() != null) {
            message.append(" (at offset ").append(x.getLocation().getCharacterOffset()).append(')');
        }
        return new XmlStreamException("not-well-formed", message.toString());
    }

    private long endOffset() throws XMLStreamException {
        return reader.getLocationInfo().getEndingByteOffset() + readerShift;
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

    private static String qualified(String prefix, String localName) {
        return prefix == null || prefix.isEmpty() ? nonNull(localName) : prefix + ":" + nonNull(localName);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** A parser with a factory, and so a name table, of its own: Aalto merges a closed parser's names into its factory's. */
    private static AsyncXMLStreamReader<AsyncByteArrayFeeder> newReader() {
        return newFactory().createAsyncForByteArray();
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
