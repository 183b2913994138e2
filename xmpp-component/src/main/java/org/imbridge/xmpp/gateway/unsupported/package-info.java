/**
 * Content a contact sent that the transport cannot show (a wink, a file, a voice clip): the user gets
 * a short note from the contact's JID instead, at a bounded rate.
 */
package org.imbridge.xmpp.gateway.unsupported;
