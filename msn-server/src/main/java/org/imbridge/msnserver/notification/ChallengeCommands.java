package org.imbridge.msnserver.notification;

import java.util.Set;

import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.CommandPreamble;

/**
 * QRY, and the client-requested CHL (docs/msnp.md §6.1). {@code QRY TrID msmsgs@msnmsgr.com 32} +
 * digest → {@code QRY TrID} when it answers an outstanding challenge, else {@code 540 TrID} and
 * close. {@code CHL TrID} → {@code CHL TrID challenge} (msnp-wiki's client-requested form).
 */
final class ChallengeCommands implements CommandFamily<NotificationConnection> {

    private final ChallengeService challenges;

    ChallengeCommands(ChallengeService challenges) {
        this.challenges = challenges;
    }

    @Override
    public Set<String> commands() {
        return Set.of("CHL", "QRY");
    }

    @Override
    public void handle(NotificationConnection connection, MsnpCommand command) {
        String trId = command.param(0);
        if (command.is("CHL")) {
            if (!CommandPreamble.expectParams(connection, command, 1)) {
                return;
            }
            challenges.challenge(connection, trId);
            return;
        }
        if (command.paramCount() == 2 && challenges.answer(connection, command.param(1), command.payloadText())) {
            connection.send(MsnpCommand.of("QRY", trId));
        } else {
            connection.failAndClose(MsnpError.CHALLENGE_RESPONSE_FAILED, trId, "wrong challenge response");
        }
    }
}
