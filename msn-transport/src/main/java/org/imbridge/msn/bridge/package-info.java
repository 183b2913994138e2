/**
 * MSN as a {@link org.imbridge.core.network.LegacyNetwork}: translates between the network-neutral
 * bridge model and the MSNP client. {@link org.imbridge.msn.bridge.MsnNetwork} (created by
 * {@link org.imbridge.msn.bridge.MsnNetworkFactory} from {@code host}/{@code port}) opens one
 * {@code MsnLegacySession} per user, which delegates: {@code ContactBook} (forward list → contacts and
 * their changes), {@code ListEdits} (add/remove/allow/block as FL/AL/BL edits), {@code Conversations}
 * and {@code Conversation} (switchboards, one-to-one and group), {@code IncomingTyping} (typing notices
 * → chat states), {@link org.imbridge.msn.bridge.MsnPresenceMapping}, {@code MsnNotices} and
 * {@code MsnFailures} (texts for the user).
 */
package org.imbridge.msn.bridge;
