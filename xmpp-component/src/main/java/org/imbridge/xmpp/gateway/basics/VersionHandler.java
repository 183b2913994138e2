package org.imbridge.xmpp.gateway.basics;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.imbridge.xmpp.gateway.iq.IqHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.iqversion.packet.Version;

/** XEP-0092: the transport's name and version (from the jar manifest, "dev" when run from classes). */
public final class VersionHandler implements IqHandler {

    public static final String NAME = "IMBridge";

    private final String version;

    public VersionHandler() {
        String fromJar = VersionHandler.class.getPackage().getImplementationVersion();
        this.version = fromJar == null ? "dev" : fromJar;
    }

    @Override
    public String element() {
        return Version.ELEMENT;
    }

    @Override
    public String namespace() {
        return Version.NAMESPACE;
    }

    @Override
    public CompletionStage<IQ> handle(IQ request) {
        if (request.getType() != IQ.Type.get) {
            return CompletableFuture.completedFuture(IQ.createErrorResponse(request, StanzaError.Condition.bad_request));
        }
        Version answer = new Version(NAME, version, "Java " + System.getProperty("java.version"));
        answer.setType(IQ.Type.result);
        answer.setStanzaId(request.getStanzaId());
        answer.setTo(request.getFrom());
        answer.setFrom(request.getTo());
        return CompletableFuture.completedFuture(answer);
    }
}
