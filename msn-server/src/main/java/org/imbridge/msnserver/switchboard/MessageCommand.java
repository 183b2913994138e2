package org.imbridge.msnserver.switchboard;

import java.util.Set;

import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.CommandPreamble;

/**
 * {@code MSG TrID U|N|A len} + payload (docs/msnp.md §7.5): relayed as {@code MSG handle friendly len}
 * to every other participant, never echoed. {@code A} → {@code ACK TrID} when at least one other
 * participant got it, else {@code NAK TrID}; {@code N} → {@code NAK TrID} only when nobody else is
 * present; {@code U} → nothing. Any other ack letter (lowercase included) closes the connection
 * without delivering; payloads over 1664 bytes never get here (the codec closes the connection).
 */
final class MessageCommand implements CommandFamily<SwitchboardConnection> {

    @Override
    public Set<String> commands() {
        return Set.of("MSG");
    }

    @Override
    public void handle(SwitchboardConnection connection, MsnpCommand command) {
        if (!CommandPreamble.expectParamsOrClose(connection, command, 2)) {
            return;
        }
        AckMode ack = AckMode.fromWire(command.param(1));
        if (ack == null) {
            connection.close("bad ack letter in MSG");
            return;
        }
        String trId = command.param(0);
        MsnpCommand relay = MsnpCommand.withPayload("MSG", command.payload(), connection.handle(), connection.friendly());
        int delivered = 0;
        for (SwitchboardConnection other : connection.room().others(connection)) {
            if (other.send(relay)) {
                delivered++;
            }
        }
        switch (ack) {
            case A -> connection.send(MsnpCommand.of(delivered > 0 ? "ACK" : "NAK", trId));
            case N -> {
                if (delivered == 0) {
                    connection.send(MsnpCommand.of("NAK", trId));
                }
            }
            case U -> {
                // unacknowledged
            }
        }
    }
}
