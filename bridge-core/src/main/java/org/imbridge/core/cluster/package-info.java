/**
 * Several transport instances on one domain: which instance holds each user's legacy session.
 *
 * <p>The XMPP server decides where a user's stanzas go (ejabberd's {@code domain_balancing} hashes
 * the sender's bare JID over the connected instances); the instance a user's stanza reaches claims the
 * user's session ({@link org.imbridge.core.cluster.SessionOwnership#claim}) before logging in, and the
 * instance that held it lets go quietly. A single instance uses {@link org.imbridge.core.cluster.SoleInstance},
 * which always wins; several instances share a database that implements the interface (PostgreSQL, in
 * the {@code registration-store} module). The package knows neither XMPP nor any legacy network.
 */
package org.imbridge.core.cluster;
