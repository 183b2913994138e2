/**
 * Group conversations of the legacy network as XEP-0045 rooms hosted by the transport: one room per
 * conversation, private to the one user who is in it, {@code <room>@<transport>} (a local part without
 * {@code %}, so never a contact JID). Legacy events become occupant presences and groupchat messages;
 * the user's joins, messages, invitations and leaving become legacy group operations.
 */
package org.imbridge.xmpp.gateway.groupchat;
