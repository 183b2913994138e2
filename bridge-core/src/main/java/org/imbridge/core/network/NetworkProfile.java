package org.imbridge.core.network;

import java.util.Objects;

/**
 * How a legacy network names itself to users and operators. The XMPP side builds its texts, disco
 * identity and metric labels from this, so it needs to know nothing about any one network.
 *
 * <pre>
 * new NetworkProfile("msn", "MSN Messenger", "MSN", "msn", "e-mail address", "name@hotmail.com")
 * </pre>
 *
 * @param id             short stable id used in storage, configuration and metric labels, e.g. {@code msn}
 * @param name           the full name, e.g. {@code MSN Messenger}
 * @param shortName      the name within a sentence, e.g. {@code MSN} in "your MSN contacts"
 * @param gatewayType    the disco identity type of a gateway to the network (XEP-0100 registry), e.g. {@code msn}
 * @param accountForm    what an account looks like, e.g. {@code e-mail address}
 * @param exampleAddress an address of the network's syntax for help texts, e.g. {@code name@hotmail.com}
 */
public record NetworkProfile(String id, String name, String shortName, String gatewayType, String accountForm,
                             String exampleAddress) {

    public NetworkProfile {
        requireText(id, "id");
        requireText(name, "name");
        requireText(shortName, "shortName");
        requireText(gatewayType, "gatewayType");
        requireText(accountForm, "accountForm");
        requireText(exampleAddress, "exampleAddress");
    }

    /** What to ask a user for when they enter a contact address (XEP-0100 prompt), e.g. {@code MSN account (e-mail address)}. */
    public String addressPrompt() {
        return shortName + " account (" + accountForm + ")";
    }

    private static void requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
