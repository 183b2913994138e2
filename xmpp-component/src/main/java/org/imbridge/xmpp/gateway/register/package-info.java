/**
 * XEP-0077 In-Band Registration of a legacy account with the transport, with an XEP-0004 data form,
 * a credential check against the legacy network, and XEP-0100's subscription handshake.
 */
package org.imbridge.xmpp.gateway.register;
