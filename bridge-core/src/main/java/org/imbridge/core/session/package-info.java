/**
 * Bridged users: one {@link org.imbridge.core.session.BridgedUser} per registered bare JID, holding the
 * user's online resources, the legacy session's state machine (offline → connecting → online →
 * reconnecting with backoff → offline), the contact list and the outbound queue. This is where the
 * rules live; the protocol modules only translate.
 */
package org.imbridge.core.session;
