package org.imbridge.msn.protocol;

import java.util.Set;

/**
 * Which side sent the bytes being decoded. The same name can be a payload command one way and a line
 * command the other: a client's {@code QRY 10 msmsgs@msnmsgr.com 32} carries 32 bytes, the server's
 * {@code QRY 10} reply carries none.
 */
public enum MsnpDirection {
    /** Bytes written by a client, decoded by a server. */
    CLIENT_TO_SERVER(Set.of("MSG", "QRY", "SDC", "PAG")),
    /** Bytes written by a server, decoded by a client. */
    SERVER_TO_CLIENT(Set.of("MSG", "NOT", "IPG"));

    private final Set<String> payloadCommands;

    MsnpDirection(Set<String> payloadCommands) {
        this.payloadCommands = payloadCommands;
    }

    /** True when the last parameter of {@code name} is a payload length in this direction. */
    public boolean isPayloadCommand(String name) {
        return payloadCommands.contains(name);
    }
}
