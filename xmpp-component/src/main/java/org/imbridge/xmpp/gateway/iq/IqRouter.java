package org.imbridge.xmpp.gateway.iq;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each {@code get}/{@code set} IQ to the handler of its child element, and answers
 * {@code service-unavailable} when there is none. Results and errors addressed to us are never
 * answered, so two entities can't bounce errors at each other.
 */
public final class IqRouter {

    private static final Logger LOG = LoggerFactory.getLogger(IqRouter.class);

    private final Map<String, IqHandler> handlers = new ConcurrentHashMap<>();
    private final StanzaSink sink;

    public IqRouter(StanzaSink sink) {
        this.sink = sink;
    }

    public IqRouter register(IqHandler handler) {
        IqHandler previous = handlers.putIfAbsent(key(handler.element(), handler.namespace()), handler);
        if (previous != null) {
            throw new IllegalStateException("two handlers for " + handler.namespace());
        }
        return this;
    }

    /** Handles {@code iq}; the response is sent to the sink when it is ready. */
    public void route(IQ iq) {
        if (iq.getType() != IQ.Type.get && iq.getType() != IQ.Type.set) {
            return;
        }
        IqHandler handler = handlers.get(key(iq.getChildElementName(), iq.getChildElementNamespace()));
        if (handler == null) {
            sink.send(IQ.createErrorResponse(iq, StanzaError.Condition.service_unavailable));
            return;
        }
        try {
            handler.handle(iq).whenComplete((response, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    LOG.warn("handler for {} failed on an IQ from {}", handler.namespace(), iq.getFrom(), cause);
                    sink.send(IQ.createErrorResponse(iq, StanzaError.Condition.internal_server_error));
                } else if (response != null) {
                    sink.send(response);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("handler for {} failed on an IQ from {}", handler.namespace(), iq.getFrom(), e);
            sink.send(IQ.createErrorResponse(iq, StanzaError.Condition.internal_server_error));
        }
    }

    private static String key(String element, String namespace) {
        return element + ' ' + namespace;
    }
}
