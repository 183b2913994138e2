package org.imbridge.xmpp.admin;

import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.xdata.packet.DataForm;

/**
 * What a stage of an {@link AdminCommand} answers.
 *
 * @param form       a form to fill in (with {@code needsInput}) or a result to show; may be null
 * @param needsInput true when the command waits for the form to come back
 * @param note       a line for the admin, or null
 * @param noteType   info, or error when the stage failed
 */
record AdminReply(DataForm form, boolean needsInput, String note, AdHocCommandNote.Type noteType) {

    static AdminReply ask(DataForm form) {
        return new AdminReply(form, true, null, null);
    }

    static AdminReply result(DataForm form) {
        return new AdminReply(form, false, null, null);
    }

    static AdminReply done(String note) {
        return new AdminReply(null, false, note, AdHocCommandNote.Type.info);
    }

    static AdminReply failed(String note) {
        return new AdminReply(null, false, note, AdHocCommandNote.Type.error);
    }
}
