package org.imbridge.msnserver.wire;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.imbridge.msn.protocol.MsnpCommand;

/** Sends each command to the family that handles its name, or to the fallback. */
public final class CommandRouter<C extends Connection> {

    private final Map<String, CommandFamily<C>> byName = new HashMap<>();
    private final CommandFamily<C> fallback;

    /**
     * @param families the handlers; each command name may appear in one only
     * @param fallback handles every other name, or {@code null} to close the connection
     */
    public CommandRouter(List<? extends CommandFamily<C>> families, CommandFamily<C> fallback) {
        for (CommandFamily<C> family : families) {
            for (String name : family.commands()) {
                if (byName.put(name, family) != null) {
                    throw new IllegalArgumentException("two handlers for " + name);
                }
            }
        }
        this.fallback = fallback;
    }

    /** Routes {@code command}; without a family or fallback for it the connection is closed. */
    public void dispatch(C connection, MsnpCommand command) {
        CommandFamily<C> family = byName.getOrDefault(command.name(), fallback);
        if (family == null) {
            connection.close("no handler for " + command.name());
            return;
        }
        family.handle(connection, command);
    }
}
