package org.imbridge.xmpp.gateway.mapping;

import org.imbridge.core.model.LegacyAddress;

/** How a user knows a contact: the display name on their list, or the address when it is not there. */
@FunctionalInterface
public interface ContactNames {

    String displayName(String userJid, LegacyAddress contact);
}
