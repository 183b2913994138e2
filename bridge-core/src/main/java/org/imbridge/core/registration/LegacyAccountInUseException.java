package org.imbridge.core.registration;

/**
 * A registration was refused because another user is already registered with the same legacy
 * account on the same network (a legacy account can only have one session, so two users sharing it
 * would log each other out). The message does not name the other user; {@link #otherUserJid()} does,
 * for logs and admins.
 */
public class LegacyAccountInUseException extends RegistrationStoreException {

    private static final long serialVersionUID = 1L;

    private final String network;
    private final String legacyAccount;
    private final String otherUserJid;

    /**
     * @param network       the network id
     * @param legacyAccount the legacy account asked for
     * @param otherUserJid  the user already registered with it
     */
    public LegacyAccountInUseException(String network, String legacyAccount, String otherUserJid) {
        super("legacy account " + legacyAccount + " on network " + network
                + " is already registered by another user");
        this.network = network;
        this.legacyAccount = legacyAccount;
        this.otherUserJid = otherUserJid;
    }

    /** @return the network id */
    public String network() {
        return network;
    }

    /** @return the legacy account asked for */
    public String legacyAccount() {
        return legacyAccount;
    }

    /** @return the user already registered with the account */
    public String otherUserJid() {
        return otherUserJid;
    }
}
