package org.imbridge.xmpp.gateway.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.store.RegistrationStores;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/** The start-up probe pass, on a virtual clock: every registered user once, never faster than the rate. */
class RegisteredUserProbesTest {

    private static final int USERS = RegisteredUserProbes.PAGE * 2 + 7; // three pages

    private final RegistrationStore store = RegistrationStores.inMemory();
    private final JidMapping jids = new JidMapping(JidCreate.domainBareFromOrThrowUnchecked("msn.localhost"));
    private final VirtualClock clock = new VirtualClock();
    /** Each probe with the virtual time it was sent at. */
    private final List<Stanza> probes = new ArrayList<>();
    private final List<Long> sentAt = new ArrayList<>();
    private final AtomicInteger rate = new AtomicInteger(50);

    @AfterEach
    void closeStore() {
        store.close();
    }

    private RegisteredUserProbes probes(Set<String> active) {
        return new RegisteredUserProbes(store, "msn", jids, stanza -> {
            probes.add(stanza);
            sentAt.add(clock.now);
            return true;
        }, Runnable::run, clock, rate::get, () -> clock.now, active::contains);
    }

    private void register(int n) {
        for (int i = 0; i < n; i++) {
            store.save(Registration.of(String.format("user%05d@localhost", i), "msn", "u" + i + "@hotmail.com", "pw"));
        }
    }

    @Test
    void everyRegisteredUserIsProbedOnceAtNoMoreThanTheRate() {
        register(USERS);
        RegisteredUserProbes pass = probes(Set.of());

        pass.start();
        clock.runAll();

        assertThat(probes).hasSize(USERS);
        assertThat(probes).allSatisfy(p -> {
            assertThat(((Presence) p).getType()).isEqualTo(Presence.Type.probe);
            assertThat(p.getFrom().toString()).isEqualTo("msn.localhost");
        });
        assertThat(probes).extracting(p -> p.getTo().toString()).doesNotHaveDuplicates()
                .contains("user00000@localhost", String.format("user%05d@localhost", USERS - 1));
        long nanosPerProbe = TimeUnit.SECONDS.toNanos(1) / 50;
        for (int i = 1; i < sentAt.size(); i++) {
            assertThat(sentAt.get(i) - sentAt.get(i - 1)).as("gap before probe %d", i).isGreaterThanOrEqualTo(nanosPerProbe);
        }
        assertThat(sentAt.get(USERS - 1) - sentAt.get(0)).isGreaterThanOrEqualTo((USERS - 1) * nanosPerProbe);
        assertThat(pass.running()).isFalse();
    }

    @Test
    void usersWithASessionAreSkippedAndARestartBeginsAgainWithoutASecondPass() {
        register(10);
        RegisteredUserProbes pass = probes(Set.of("user00003@localhost"));

        pass.start();
        clock.runFor(TimeUnit.SECONDS.toNanos(1) / 50 * 3); // probes to users 0, 1, 2 and 4 sent
        pass.start(); // the stream reconnected
        clock.runAll();

        List<String> to = probes.stream().map(p -> p.getTo().toString()).toList();
        assertThat(to).doesNotContain("user00003@localhost");
        assertThat(to.subList(0, 4)).containsExactly("user00000@localhost", "user00001@localhost",
                "user00002@localhost", "user00004@localhost");
        // the restarted pass probes all nine again; the abandoned one sends nothing more
        assertThat(to.subList(4, to.size())).hasSize(9).doesNotHaveDuplicates();
    }

    @Test
    void closeStopsThePass() {
        register(10);
        RegisteredUserProbes pass = probes(Set.of());

        pass.start();
        clock.runFor(TimeUnit.SECONDS.toNanos(1) / 50);
        pass.close();
        clock.runAll();
        pass.start();
        clock.runAll();

        assertThat(probes).hasSize(2);
    }

    /** A scheduler whose time only moves when the test runs its tasks. */
    private static final class VirtualClock implements RegisteredUserProbes.Delay {
        private record Task(long at, long seq, Runnable run) { }

        private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at != b.at
                ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
        private long seq;
        long now;

        @Override
        public void after(long nanos, Runnable task) {
            tasks.add(new Task(now + nanos, seq++, task));
        }

        void runFor(long nanos) {
            long until = now + nanos;
            while (!tasks.isEmpty() && tasks.peek().at <= until) {
                Task t = tasks.poll();
                now = t.at;
                t.run.run();
            }
            now = until;
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                Task t = tasks.poll();
                now = t.at;
                t.run.run();
            }
        }
    }
}
