package org.imbridge.msnserver.notification;

import java.util.Set;

import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpError;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.CommandPreamble;

/**
 * CHG (docs/msnp.md §4.2, §4.3): {@code CHG TrID status} → echo; {@code CHG TrID FLN} or an unknown
 * status → 201. Watchers are told through {@link PresenceService#publish}. The first CHG of a
 * session is followed by the ILN burst (with its TrID) and starts the challenges.
 */
final class StatusCommand implements CommandFamily<NotificationConnection> {

    private final PresenceService presence;
    private final ChallengeService challenges;

    StatusCommand(PresenceService presence, ChallengeService challenges) {
        this.presence = presence;
        this.challenges = challenges;
    }

    @Override
    public Set<String> commands() {
        return Set.of("CHG");
    }

    @Override
    public void handle(NotificationConnection connection, MsnpCommand command) {
        String trId = command.param(0);
        if (!CommandPreamble.expectParams(connection, command, 2)) {
            return;
        }
        MsnStatus status = MsnStatus.fromWire(command.param(1));
        if (status == null || status == MsnStatus.FLN) {
            connection.sendError(MsnpError.INVALID_PARAMETER, trId);
            return;
        }
        connection.send(MsnpCommand.of("CHG", trId, status));
        presence.publish(connection.account(), () -> connection.status(status));
        if (!connection.presenceStarted()) {
            connection.startPresence();
            presence.sendInitialPresence(connection, trId);
            challenges.afterFirstStatus(connection);
        }
    }
}
