/** XEP-0100 §6.3 jabber:iq:gateway: a contact's legacy address translated into its JID. */
package org.imbridge.xmpp.gateway.prompt;
