package org.imbridge.msn.ftp;

/** The {@code Invitation-Command} of an invitation body. */
public enum InvitationCommand {
    INVITE, ACCEPT, CANCEL
}
