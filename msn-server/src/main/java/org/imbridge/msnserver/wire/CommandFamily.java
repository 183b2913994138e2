package org.imbridge.msnserver.wire;

import java.util.Set;

import org.imbridge.msn.protocol.MsnpCommand;

/**
 * The handler of a few related commands (for example ADD and REM). Called with the network lock held,
 * on a MINA I/O thread or the timer thread; must only touch memory and queue writes.
 *
 * @param <C> the connection type of the server it belongs to
 */
public interface CommandFamily<C extends Connection> {

    /** The command names this family handles. */
    Set<String> commands();

    void handle(C connection, MsnpCommand command);
}
