package org.imbridge.xmpp.gateway.groupchat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

import org.jxmpp.jid.parts.Resourcepart;

/**
 * Messages of a room the user has not joined yet, in order, bounded: beyond the bound the oldest go
 * and are counted, so that the user can be told how many were lost.
 */
final class Backlog {

    /** One message from a participant, with the time it arrived (for XEP-0203 delay). */
    record Entry(Resourcepart nick, String text, Instant at) {
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private int dropped;

    Backlog(int capacity) {
        this.capacity = capacity;
    }

    void add(Entry entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
            dropped++;
        }
        entries.addLast(entry);
    }

    /** How many messages were dropped because the backlog was full (since the last {@link #drain}). */
    int dropped() {
        return dropped;
    }

    /** Everything kept, oldest first; the backlog is empty and the count zero afterwards. */
    List<Entry> drain() {
        List<Entry> all = List.copyOf(entries);
        entries.clear();
        dropped = 0;
        return all;
    }

    int size() {
        return entries.size();
    }
}
