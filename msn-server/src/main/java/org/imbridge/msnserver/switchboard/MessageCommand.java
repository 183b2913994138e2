package org.imbridge.msnserver.switchboard;

import java.util.Set;

import org.imbridge.msn.protocol.AckMode;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msnserver.wire.CommandFamily;
import org.imbridge.msnserver.wire.CommandPreamble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code MSG TrID U|N|A len} + payload (docs/msnp.md §7.5): relayed as {@code MSG handle friendly len}
 * to every other participant, never echoed. {@code A} → {@code ACK TrID} when at least one other
 * participant got it, else {@code NAK TrID}; {@code N} → {@code NAK TrID} only when nobody else is
 * present; {@code U} → nothing. Any other ack letter (lowercase included) closes the connection
 * without delivering; payloads over 1664 bytes never get here (the codec closes the connection).
 * The payload is relayed as it came, whatever its content type (chunked parts have none); only a
 * datacast without an ID is dropped without an answer ({@link DatacastRule}).
 */
final class MessageCommand implements CommandFamily<SwitchboardConnection> {

    private static final Logger LOG = LoggerFactory.getLogger(MessageCommand.class);

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
        if (DatacastRule.isDatacastWithoutId(command.payload())) {
            LOG.debug("{}: dropping a datacast without an ID line (MSG {})", connection, trId);
            return;
        }
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
