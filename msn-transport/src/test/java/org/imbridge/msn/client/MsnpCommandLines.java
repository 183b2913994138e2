package org.imbridge.msn.client;

import org.imbridge.msn.protocol.MsnpCommand;

/** Tiny script steps: expect a command and answer it with its own TrID. */
final class MsnpCommandLines {

    private MsnpCommandLines() {
    }

    /** Expects {@code name}, replies {@code name trId rest}; returns the command received. */
    static MsnpCommand answer(FakePeer peer, String name, String rest) throws InterruptedException {
        MsnpCommand cmd = peer.expect(name);
        peer.send(name + " " + cmd.trId() + (rest.isEmpty() ? "" : " " + rest));
        return cmd;
    }
}
