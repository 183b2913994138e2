package org.imbridge.msn.plugin.files;

import java.util.concurrent.CompletionStage;

import org.imbridge.msn.protocol.MimeMessage;

/** Where a transfer's invitation messages go: a switchboard conversation with the contact. */
@FunctionalInterface
public interface InvitationLink {

    /** Sends one {@code text/x-msmsgsinvite} MSG; completes when it is on its way, fails when it cannot be. */
    CompletionStage<Void> send(MimeMessage message);
}
