package org.imbridge.xmpp.gateway.iq;

import java.util.concurrent.CompletionStage;

import org.jivesoftware.smack.packet.IQ;

/**
 * Answers IQ requests of one child element and namespace. Returns the response (result or error), or
 * completes exceptionally, which the router turns into {@code internal-server-error}.
 */
public interface IqHandler {

    String element();

    String namespace();

    CompletionStage<IQ> handle(IQ request);
}
