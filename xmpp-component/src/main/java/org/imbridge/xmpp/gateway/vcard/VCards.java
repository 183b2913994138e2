package org.imbridge.xmpp.gateway.vcard;

import java.util.Map;

import org.imbridge.core.model.ContactCard;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;

/**
 * What goes into the vCards, in the fields clients show (Gajim, Psi, Conversations: FN, NICKNAME,
 * EMAIL, TEL): the display name as full name and nickname, the legacy account as e-mail address (MSN
 * accounts are e-mail addresses, and clients show no better field for them), the shared phone numbers.
 */
final class VCards {

    private VCards() {
    }

    static VCard contact(ContactCard card) {
        VCard vcard = new VCard();
        vcard.setField("FN", card.displayName());
        vcard.setNickName(card.displayName());
        vcard.setEmailHome(card.address().value());
        for (Map.Entry<ContactCard.PhoneKind, String> phone : card.phones().entrySet()) {
            switch (phone.getKey()) {
                case HOME -> vcard.setPhoneHome("VOICE", phone.getValue());
                case WORK -> vcard.setPhoneWork("VOICE", phone.getValue());
                case MOBILE -> vcard.setPhoneHome("CELL", phone.getValue());
            }
        }
        return vcard;
    }

    static VCard transport(String networkName) {
        VCard vcard = new VCard();
        vcard.setField("FN", networkName + " Transport");
        vcard.setField("DESC", "A gateway to " + networkName + ": register here with your " + networkName
                + " account to chat with your " + networkName + " contacts.");
        return vcard;
    }
}
