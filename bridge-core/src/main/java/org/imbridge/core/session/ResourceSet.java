package org.imbridge.core.session;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.imbridge.core.model.Presence;
import org.imbridge.core.model.PresenceShow;

/**
 * The user's online resources, each with its own presence and priority, combined into the one
 * presence a legacy network shows: the highest-priority resource wins; among equal priorities the
 * most available one (available over away over dnd…), then the most recently changed.
 */
public final class ResourceSet {

    private final Map<String, Entry> resources = new LinkedHashMap<>();
    private long clock;

    private record Entry(Presence presence, int priority, long changed) {
    }

    /** Records {@code resource}'s presence; an unavailable presence removes it. */
    public void update(String resource, Presence presence, int priority) {
        if (!presence.isOnline()) {
            resources.remove(resource);
            return;
        }
        resources.put(resource, new Entry(presence, priority, ++clock));
    }

    public void remove(String resource) {
        resources.remove(resource);
    }

    public boolean isEmpty() {
        return resources.isEmpty();
    }

    public Set<String> names() {
        return Set.copyOf(resources.keySet());
    }

    public void clear() {
        resources.clear();
    }

    /** The combined presence, or empty when no resource is online. */
    public Optional<Presence> combined() {
        return resources.values().stream()
                .max(Comparator.comparingInt(Entry::priority)
                        .thenComparing(e -> -availability(e.presence().show()))
                        .thenComparingLong(Entry::changed))
                .map(Entry::presence);
    }

    private static int availability(PresenceShow show) {
        return switch (show) {
            case CHAT -> 0;
            case AVAILABLE -> 1;
            case AWAY -> 2;
            case XA -> 3;
            case DND -> 4;
            case UNAVAILABLE -> 5;
        };
    }
}
