/**
 * MSN as a {@link org.imbridge.core.network.LegacyNetwork}: translates between the network-neutral
 * bridge model and the MSNP client (presence states, contact lists, switchboard conversations, typing,
 * delivery failures).
 */
package org.imbridge.msn.bridge;
