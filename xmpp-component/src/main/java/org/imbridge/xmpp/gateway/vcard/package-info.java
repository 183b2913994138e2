/** XEP-0054 vcard-temp: the vCards of contact JIDs and of the transport. */
package org.imbridge.xmpp.gateway.vcard;
