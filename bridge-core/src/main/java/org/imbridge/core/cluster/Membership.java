package org.imbridge.core.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The live instances of a deployment, as one heartbeat saw them.
 *
 * @param instances the live instances, ordered by name
 */
public record Membership(List<Member> instances) {

    /**
     * @param name     the instance's name
     * @param started  when it joined
     * @param sessions how many users' sessions it holds claims for
     * @param streams  how many component streams it holds (slots of the XMPP server's balancing)
     */
    public record Member(String name, Instant started, int sessions, int streams) {

        public Member(String name, Instant started, int sessions) {
            this(name, started, sessions, 1);
        }
    }

    public Membership {
        instances = List.copyOf(instances);
    }

    public Set<String> names() {
        return instances.stream().map(Member::name).collect(Collectors.toUnmodifiableSet());
    }

    /** @return the sessions held by all live instances together */
    public int sessions() {
        return instances.stream().mapToInt(Member::sessions).sum();
    }

    /** @return the component streams of all live instances together */
    public int streams() {
        return instances.stream().mapToInt(Member::streams).sum();
    }

    /** @return true when {@code instance} is the live instance with the smallest name (it acts for all) */
    public boolean isLeader(String instance) {
        return !instances.isEmpty() && instances.get(0).name().equals(instance);
    }
}
