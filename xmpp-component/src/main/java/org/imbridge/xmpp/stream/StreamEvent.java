package org.imbridge.xmpp.stream;

import java.util.Map;
import java.util.Objects;

/**
 * What {@link StreamFramingDecoder} makes of the server's XML stream: the stream header, one event
 * per completed (or refused) top-level element, and the end of the stream. {@code <handshake/>} and
 * {@code <stream:error>} get their own types since the connection acts on them itself.
 */
public sealed interface StreamEvent {

    /** The namespace of XML stream elements ({@code stream:stream}, {@code stream:error}). */
    String STREAMS_NAMESPACE = "http://etherx.jabber.org/streams";
    /** The content namespace of a component stream (XEP-0114). */
    String COMPONENT_NAMESPACE = "jabber:component:accept";
    /** The namespace of stream error conditions (RFC 6120 §4.9.3). */
    String STREAM_ERROR_NAMESPACE = "urn:ietf:params:xml:ns:xmpp-streams";

    /**
     * The server's stream header.
     *
     * @param id         the stream id, the salt of the handshake; empty when the server sent none
     *                   (Prosody does so right before a {@code host-unknown} error)
     * @param from       the {@code from} attribute, empty if absent
     * @param attributes every attribute of the header by its qualified name (e.g. {@code xml:lang})
     */
    record Opened(String id, String from, Map<String, String> attributes) implements StreamEvent {
        public Opened {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(from, "from");
            attributes = Map.copyOf(attributes);
        }
    }

    /**
     * What identifies a top-level element and its sender, read from its start tag: enough to answer
     * it with an error without parsing it. Absent attributes are empty strings.
     *
     * @param name      local name, e.g. {@code message}
     * @param namespace namespace as received, e.g. {@code jabber:component:accept}
     * @param from      the {@code from} attribute
     * @param to        the {@code to} attribute
     * @param id        the {@code id} attribute
     * @param type      the {@code type} attribute
     */
    record Envelope(String name, String namespace, String from, String to, String id, String type) {
        public Envelope {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
        }

        /** @return true for {@code message}, {@code presence} and {@code iq} in the component namespace */
        public boolean isStanza() {
            return COMPONENT_NAMESPACE.equals(namespace)
                    && (name.equals("message") || name.equals("presence") || name.equals("iq"));
        }
    }

    /**
     * A completed top-level element other than the handshake reply and stream errors.
     *
     * @param envelope its name, namespace and addressing attributes
     * @param xml      the element re-serialized as a self-contained document fragment, with
     *                 {@value #COMPONENT_NAMESPACE} rewritten to {@code jabber:client}, because Smack's
     *                 parser only fills bodies and extensions for that namespace
     */
    record Element(Envelope envelope, String xml) implements StreamEvent {
        public Element {
            Objects.requireNonNull(envelope, "envelope");
            Objects.requireNonNull(xml, "xml");
        }

        /** @return local name, e.g. {@code message} */
        public String name() {
            return envelope.name();
        }

        /** @return namespace as received, e.g. {@code jabber:component:accept} */
        public String namespace() {
            return envelope.namespace();
        }

        /** @return true for {@code message}, {@code presence} and {@code iq} in the component namespace */
        public boolean isStanza() {
            return envelope.isStanza();
        }
    }

    /**
     * A top-level element the decoder refused and skipped without keeping its content; the stream
     * goes on with the next element.
     *
     * @param envelope its name, namespace and addressing attributes
     * @param reason   why it was refused
     */
    record Rejected(Envelope envelope, Reason reason) implements StreamEvent {
        public Rejected {
            Objects.requireNonNull(envelope, "envelope");
            Objects.requireNonNull(reason, "reason");
        }

        /** Why an element was refused. */
        public enum Reason {
            /** More bytes than the stream's element size limit. */
            TOO_LARGE,
            /** Elements nested deeper than {@link StreamFramingDecoder#MAX_NESTING_DEPTH}. */
            TOO_DEEP
        }
    }

    /** {@code <handshake/>}: the server accepted the component's handshake. */
    record HandshakeAccepted() implements StreamEvent {
    }

    /**
     * A {@code <stream:error>}; the server closes the stream after it.
     *
     * @param condition the defined condition, e.g. {@code not-authorized}; {@code undefined-condition}
     *                  if the element named none
     * @param text      the optional descriptive text, empty if absent
     */
    record ErrorReceived(String condition, String text) implements StreamEvent {
        public ErrorReceived {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code </stream:stream>}: the server closed its stream. */
    record Closed() implements StreamEvent {
    }
}
