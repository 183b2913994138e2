package org.imbridge.msnserver.it;

import static org.imbridge.msnserver.it.LiveNetwork.await;

import org.imbridge.msn.client.SwitchboardInvitation;
import org.imbridge.msn.client.SwitchboardSession;
import org.imbridge.msnserver.it.LiveNetwork.User;
import org.imbridge.msnserver.it.NotificationEvents.Accepted;

/**
 * A two-person conversation between real clients: the caller opens a switchboard (XFR SB, USR) and
 * invites (CAL); the callee's notification listener accepts the RNG by itself (ANS).
 *
 * @param caller       the caller's side (outgoing switchboard)
 * @param callerEvents what the caller's switchboard reported
 * @param callee       the callee's side (incoming switchboard)
 * @param calleeEvents what the callee's switchboard reported
 * @param invitation   the RNG as the callee saw it
 */
record Chat(SwitchboardSession caller, ConversationEvents callerEvents, SwitchboardSession callee,
            ConversationEvents calleeEvents, SwitchboardInvitation invitation) {

    static Chat open(User from, User to) {
        return open(from, new ConversationEvents(), to);
    }

    static Chat open(User from, ConversationEvents fromEvents, User to) {
        ConversationEvents toEvents = new ConversationEvents();
        to.events().acceptInvitations(() -> toEvents);
        SwitchboardSession outgoing = await(from.session().openSwitchboard(fromEvents));
        await(outgoing.invite(to.handle()));
        Accepted accepted = to.events().next(Accepted.class);
        SwitchboardSession incoming = await(accepted.joined());
        return new Chat(outgoing, fromEvents, incoming, toEvents, accepted.invitation());
    }
}
