/**
 * Live integration tests: the real MSNP7 client ({@code org.imbridge.msn.client}) against the real
 * {@link org.imbridge.msnserver.MsnServer} on loopback, asserting through the client API and the
 * server's hooks. {@link org.imbridge.msnserver.it.LiveNetwork} starts both; a raw
 * {@link org.imbridge.msnserver.WireClient} plays a misbehaving peer where the client never would.
 */
package org.imbridge.msnserver.it;
