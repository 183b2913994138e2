/**
 * IQ plumbing: {@link org.imbridge.xmpp.gateway.iq.IqRouter} dispatches incoming requests to an
 * {@link org.imbridge.xmpp.gateway.iq.IqHandler} per child element, and
 * {@link org.imbridge.xmpp.gateway.iq.IqRequests} matches the requests the component sends with their answers.
 */
package org.imbridge.xmpp.gateway.iq;
