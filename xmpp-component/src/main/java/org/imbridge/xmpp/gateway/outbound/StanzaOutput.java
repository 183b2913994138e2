package org.imbridge.xmpp.gateway.outbound;

import org.imbridge.core.files.IncomingFile;
import org.imbridge.xmpp.gateway.files.IncomingFiles;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.imbridge.core.model.ChatState;
import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Participant;
import org.imbridge.core.model.Presence;
import org.imbridge.core.network.NetworkProfile;
import org.imbridge.core.session.BridgeOutput;
import org.imbridge.core.session.LinkState;
import org.imbridge.xmpp.gateway.attention.AttentionMessages;
import org.imbridge.xmpp.gateway.blocking.BlockListPushes;
import org.imbridge.xmpp.gateway.groupchat.GroupChatRooms;
import org.imbridge.xmpp.gateway.groupchat.RoomLimits;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.mapping.PresenceMapping;
import org.imbridge.xmpp.gateway.roster.RosterSync;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;
import org.imbridge.xmpp.gateway.unsupported.UnsupportedContentNotices;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.nick.packet.Nick;
import org.jxmpp.jid.BareJid;

/**
 * Legacy-session events as stanzas: the transport's presence says whether the session is up and why
 * not; contacts' presences come from their JIDs; messages are {@code chat} with a {@code <thread>}
 * per legacy conversation and an {@code <active/>} chat state; typing becomes chat-state messages;
 * authorization requests become {@code subscribe} with a nickname; notices are {@code headline}s from
 * the transport. Attention, unsupported content and group conversations go to their own classes.
 */
public final class StanzaOutput implements BridgeOutput {

    private final java.util.function.Consumer<String> sessionElsewhere;
    /** Contacts' file offers, or null. */
    private final IncomingFiles files;
    private final JidMapping jids;
    private final StanzaSink sink;
    private final RosterSync roster;
    /** The network's name in a sentence, the subject of notices. */
    private final String networkName;
    /** Contacts whose authorization request the user has not answered, per user, bounded. */
    private final PendingAuthorizations pendingRequests;

    /** Group conversations as rooms (XEP-0045). */
    private final GroupChatRooms rooms;
    /** Nudges as XEP-0224 attention. */
    private final AttentionMessages attention;
    /** Notes about what cannot be shown. */
    private final UnsupportedContentNotices unsupported;
    /** Block list changes as XEP-0191 pushes. */
    private final BlockListPushes blockList;

    /** Without the users' sessions: rooms cannot reach the network and contacts are named by address. */
    public StanzaOutput(JidMapping jids, StanzaSink sink, RosterSync roster, NetworkProfile network) {
        this(jids, sink, roster, network, new GroupChatRooms(jids, sink, RoomLimits.DEFAULT, user -> Optional.empty()),
                new AttentionMessages(jids, (user, contact) -> contact.value(), sink),
                new UnsupportedContentNotices(jids, (user, contact) -> contact.value(), sink));
    }

    public StanzaOutput(JidMapping jids, StanzaSink sink, RosterSync roster, NetworkProfile network,
                        GroupChatRooms rooms, AttentionMessages attention, UnsupportedContentNotices unsupported) {
        this(jids, sink, roster, network, rooms, attention, unsupported, new BlockListPushes(jids, sink, user -> Set.of()));
    }

    public StanzaOutput(JidMapping jids, StanzaSink sink, RosterSync roster, NetworkProfile network,
                        GroupChatRooms rooms, AttentionMessages attention, UnsupportedContentNotices unsupported,
                        BlockListPushes blockList) {
        this(jids, sink, roster, network, rooms, attention, unsupported, blockList, user -> { });
    }

    /** @param sessionElsewhere told when another instance keeps a user who came online here (see {@link #sessionElsewhere}) */
    public StanzaOutput(JidMapping jids, StanzaSink sink, RosterSync roster, NetworkProfile network,
                        GroupChatRooms rooms, AttentionMessages attention, UnsupportedContentNotices unsupported,
                        BlockListPushes blockList, java.util.function.Consumer<String> sessionElsewhere) {
        this(jids, sink, roster, network, rooms, attention, unsupported, blockList, sessionElsewhere, null);
    }

    /** @param files what becomes of contacts' file offers, or null to tell the user they cannot be shown */
    public StanzaOutput(JidMapping jids, StanzaSink sink, RosterSync roster, NetworkProfile network,
                        GroupChatRooms rooms, AttentionMessages attention, UnsupportedContentNotices unsupported,
                        BlockListPushes blockList, java.util.function.Consumer<String> sessionElsewhere,
                        IncomingFiles files) {
        this.files = files;
        this.sessionElsewhere = sessionElsewhere;
        this.blockList = blockList;
        this.rooms = rooms;
        this.attention = attention;
        this.unsupported = unsupported;
        this.jids = jids;
        this.sink = sink;
        this.roster = roster;
        this.networkName = network.shortName();
        this.pendingRequests = new PendingAuthorizations(PendingAuthorizations.DEFAULT_MAX_PER_USER);
    }

    /** True (once) when {@code contact} asked {@code userJid} for authorization and waits for an answer. */
    public boolean takePendingRequest(String userJid, LegacyAddress contact) {
        return pendingRequests.take(userJid, contact);
    }

    /** Authorization requests {@code userJid} has not answered yet. */
    public int pendingRequests(String userJid) {
        return pendingRequests.count(userJid);
    }

    /** Forgets everything kept for {@code userJid}, who has unregistered. */
    public void forgetUser(String userJid) {
        pendingRequests.forget(userJid);
        unsupported.forgetUser(userJid);
    }

    @Override
    public void sessionElsewhere(String userJid) {
        sessionElsewhere.accept(userJid);
    }

    @Override
    public void linkState(String userJid, LinkState state, String text) {
        Presence presence = state == LinkState.ONLINE
                ? new Presence(org.imbridge.core.model.PresenceShow.AVAILABLE, text)
                : new Presence(org.imbridge.core.model.PresenceShow.UNAVAILABLE, text);
        sink.send(PresenceMapping.toXmpp(presence, jids.transport(), bare(userJid)));
        if (state != LinkState.ONLINE) {
            rooms.sessionDown(userJid, text);
        }
    }

    @Override
    public void contactList(String userJid, Collection<Contact> contacts) {
        roster.sync(userJid, contacts);
        for (Contact c : contacts) {
            if (c.presence().isOnline()) {
                contactPresence(userJid, c.address(), c.presence());
            }
        }
    }

    @Override
    public void contactUpdated(String userJid, Contact contact) {
        roster.updated(userJid, contact);
        if (contact.presence().isOnline()) {
            // the (possibly new) name as XEP-0172 nick, for clients whose roster the transport cannot rename
            org.jivesoftware.smack.packet.Presence presence =
                    PresenceMapping.toXmpp(contact.presence(), jids.toJid(contact.address()), bare(userJid));
            sink.send(presence.asBuilder().addExtension(new Nick(contact.displayName())).build());
        }
    }

    @Override
    public void contactRemoved(String userJid, LegacyAddress contact) {
        contactPresence(userJid, contact, Presence.UNAVAILABLE);
        roster.removed(userJid, contact);
    }

    @Override
    public void contactPresence(String userJid, LegacyAddress contact, Presence presence) {
        sink.send(PresenceMapping.toXmpp(presence, jids.toJid(contact), bare(userJid)));
    }

    @Override
    public void message(String userJid, LegacyAddress from, String text, String threadId) {
        MessageBuilder message = StanzaBuilder.buildMessage()
                .ofType(Message.Type.chat)
                .from(jids.toJid(from))
                .to(bare(userJid))
                .setBody(text)
                .addExtension(new ChatStateExtension(org.jivesoftware.smackx.chatstates.ChatState.active));
        if (threadId != null) {
            message.setThread(threadId);
        }
        sink.send(message.build());
    }

    @Override
    public void chatState(String userJid, LegacyAddress from, ChatState state) {
        sink.send(StanzaBuilder.buildMessage()
                .ofType(Message.Type.chat)
                .from(jids.toJid(from))
                .to(bare(userJid))
                .addExtension(new ChatStateExtension(org.jivesoftware.smackx.chatstates.ChatState.valueOf(
                        state.name().toLowerCase(java.util.Locale.ROOT))))
                .build());
    }

    @Override
    public void authorizationRequest(String userJid, LegacyAddress from, String displayName) {
        pendingRequests.add(userJid, from);
        sink.send(StanzaBuilder.buildPresence()
                .ofType(org.jivesoftware.smack.packet.Presence.Type.subscribe)
                .from(jids.toJid(from))
                .to(bare(userJid))
                .addExtension(new Nick(displayName == null || displayName.isBlank() ? from.value() : displayName))
                .build());
    }

    @Override
    public void notice(String userJid, String text) {
        sink.send(StanzaBuilder.buildMessage()
                .ofType(Message.Type.headline)
                .from(jids.transport())
                .to(bare(userJid))
                .setSubject(networkName)
                .setBody(text)
                .build());
    }

    private BareJid bare(String userJid) {
        return jids.user(userJid);
    }

    @Override
    public void attention(String userJid, LegacyAddress from) {
        attention.send(userJid, from);
    }

    @Override
    public void unsupportedContent(String userJid, LegacyAddress from, String what) {
        unsupported.received(userJid, from, what);
    }

    @Override
    public void fileOffer(String userJid, IncomingFile offer) {
        if (files == null) {
            BridgeOutput.super.fileOffer(userJid, offer);
        } else {
            files.offer(userJid, offer);
        }
    }

    @Override
    public void groupChatStarted(String userJid, String groupId, List<Participant> participants) {
        rooms.started(userJid, groupId, participants);
    }

    @Override
    public void groupParticipantJoined(String userJid, String groupId, Participant participant) {
        rooms.participantJoined(userJid, groupId, participant);
    }

    @Override
    public void groupParticipantLeft(String userJid, String groupId, LegacyAddress participant, boolean idle) {
        rooms.participantLeft(userJid, groupId, participant, idle);
    }

    @Override
    public void groupMessage(String userJid, String groupId, LegacyAddress from, String text) {
        rooms.message(userJid, groupId, from, text);
    }

    @Override
    public void groupChatState(String userJid, String groupId, LegacyAddress from, ChatState state) {
        rooms.chatState(userJid, groupId, from, state);
    }

    @Override
    public void groupChatEnded(String userJid, String groupId, String reason) {
        rooms.ended(userJid, groupId, reason);
    }

    @Override
    public void blockListChanged(String userJid, LegacyAddress contact, boolean blocked) {
        blockList.changed(userJid, contact, blocked);
    }
}
