package org.imbridge.xmpp.gateway.register;

import org.imbridge.core.registration.Registration;

/** Told about registrations so that sessions can follow them (log in, log out). */
public interface RegistrationListener {

    /** A user registered ({@code isNew}) or re-registered with new credentials. */
    default void onRegistered(Registration registration, boolean isNew) {
    }

    /** A user is removing their registration: log them out before their records go. */
    default void onUnregistering(String userJid) {
    }
}
