/**
 * The MSN plugin of bridge-core: MSN as a {@link org.imbridge.core.network.LegacyNetwork}, found through
 * {@code META-INF/services}, translating between the network-neutral model and the MSNP client.
 * {@link org.imbridge.msn.plugin.MsnNetwork} (created by {@link org.imbridge.msn.plugin.MsnNetworkFactory}
 * from {@code host}/{@code port}) opens one {@code MsnLegacySession} per user, which delegates:
 * {@code ContactBook} (forward list → contacts and their changes), {@code ListEdits}
 * (add/remove/allow/block as FL/AL/BL edits), {@code Conversations} and {@code Conversation}
 * (switchboards, one-to-one and group), {@code IncomingTyping} (typing notices → chat states),
 * {@link org.imbridge.msn.plugin.MsnPresenceMapping}, {@code MsnNotices} and {@code MsnFailures}
 * (texts for the user).
 */
package org.imbridge.msn.plugin;
