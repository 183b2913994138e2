package org.imbridge.xmpp.gateway.register;

import org.imbridge.core.network.NetworkProfile;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.Jid;

/**
 * What a user who is not registered hears when they write to a contact JID: that they are not
 * registered, and where to register (distinct from "not connected", which is for registered users
 * who are offline).
 */
public final class NotRegistered {

    private NotRegistered() {
    }

    /** The error condition: XMPP's own for "register first". */
    public static final StanzaError.Condition CONDITION = StanzaError.Condition.registration_required;

    /** e.g. "You are not registered with the MSN transport msn.example.org; register with it first ...". */
    public static String text(NetworkProfile network, Jid transport) {
        return "You are not registered with the " + network.shortName() + " transport " + transport
                + "; register with it first (your client lists it under service discovery or gateways)";
    }
}
