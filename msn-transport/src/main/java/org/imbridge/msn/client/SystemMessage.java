package org.imbridge.msn.client;

/**
 * {@code application/x-msmsgssystemmessage} from the notification server (docs/msnp.md §3.5). Type 1
 * announces maintenance: the server goes down in {@code argument} minutes.
 *
 * @param type     the {@code Type} field; -1 if missing or not a number
 * @param argument the {@code Arg1} field; empty if missing
 */
public record SystemMessage(int type, String argument) {

    /** Type of the "server going down for maintenance" notice. */
    public static final int MAINTENANCE = 1;

    /** Minutes until maintenance for a type-1 notice, or -1. */
    public int minutesUntilMaintenance() {
        if (type != MAINTENANCE) {
            return -1;
        }
        try {
            return Integer.parseInt(argument.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
