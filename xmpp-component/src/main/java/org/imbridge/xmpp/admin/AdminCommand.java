package org.imbridge.xmpp.admin;

import org.jivesoftware.smackx.xdata.packet.DataForm;

/**
 * One ad-hoc command. {@link #start} is its first stage; a command that needs input returns a form
 * there and gets the admin's answer in {@link #submit}. Both may block (run off the I/O threads).
 */
interface AdminCommand {

    /** The command's node, e.g. {@code http://jabber.org/protocol/admin#announce}. */
    String node();

    /** The name clients show. */
    String name();

    /**
     * Whether {@code user} (a bare JID) may list and run this command; admin commands are for the
     * admins only ({@code isAdmin}). May block.
     */
    default boolean mayRun(String user, boolean isAdmin) {
        return isAdmin;
    }

    /** False for a command of the users themselves, whom {@link #mayRun} refuses only until they register. */
    default boolean forAdminsOnly() {
        return true;
    }

    /** The first stage, for {@code admin}. */
    AdminReply start(String admin) throws Exception;

    /** The second stage: the form the admin submitted. */
    default AdminReply submit(String admin, DataForm form) throws Exception {
        return AdminReply.done("Nothing to submit for this command.");
    }
}
