package org.imbridge.xmpp.gateway.roster;

import java.util.Collection;
import java.util.function.Supplier;

import org.imbridge.core.model.Contact;
import org.imbridge.core.model.LegacyAddress;

/** Puts legacy contacts into a user's roster and keeps names and groups up to date. */
public interface RosterSync {

    /** The user's whole contact list is known: add what the roster lacks. */
    void sync(String userJid, Collection<Contact> contacts);

    /** A contact was added or renamed. */
    void updated(String userJid, Contact contact);

    /** A contact left the legacy list. */
    void removed(String userJid, LegacyAddress contact);

    /**
     * The user sent the transport presence while their session is online: a method that can read the
     * roster looks for group changes the user made in it since (servers that push the component no roster
     * changes, such as Prosody). {@code contacts} is read only if the method reads the roster now.
     */
    default void userPresent(String userJid, Supplier<Collection<Contact>> contacts) {
    }
}
