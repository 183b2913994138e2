package org.imbridge.xmpp.gateway.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.registration.Removal;
import org.imbridge.store.RegistrationStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Following the removal log of a real (in-memory) store. */
class RemovalLogFollowerTest {

    private final RegistrationStore store = RegistrationStores.inMemory();
    private final List<String> handled = new ArrayList<>();
    private Instant now = Instant.now();
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @AfterEach
    void close() {
        store.close();
    }

    private void registerAndRemove(String user) {
        store.save(Registration.of(user, "msn", user.replace("@", "_") + "@hotmail.com", "pw"));
        store.remove(user, "msn");
    }

    @Test
    void startsAtTheEndAndHandsOnEachNewRemovalOnceInOrder() {
        registerAndRemove("before@example.net");
        RemovalLogFollower follower = new RemovalLogFollower(store, r -> handled.add(r.userJid()), clock);
        follower.start();

        for (int i = 0; i < RemovalLogFollower.PAGE + 3; i++) {
            registerAndRemove("user" + i + "@example.net");
        }
        follower.poll();
        follower.poll();

        assertThat(handled).hasSize(RemovalLogFollower.PAGE + 3).doesNotContain("before@example.net")
                .startsWith("user0@example.net", "user1@example.net").endsWith("user" + (RemovalLogFollower.PAGE + 2)
                        + "@example.net");
    }

    @Test
    void aFailingRemovalDoesNotStopTheOthers() {
        RemovalLogFollower follower = new RemovalLogFollower(store, r -> {
            if (r.userJid().startsWith("bad")) {
                throw new IllegalStateException("boom");
            }
            handled.add(r.userJid());
        }, clock);
        follower.start();
        registerAndRemove("bad@example.net");
        registerAndRemove("good@example.net");

        follower.poll();
        follower.poll();

        assertThat(handled).containsExactly("good@example.net");
    }

    @Test
    void entriesOlderThanADayArePrunedEveryFewMinutes() {
        RemovalLogFollower follower = new RemovalLogFollower(store, r -> handled.add(r.userJid()), clock);
        follower.start();
        registerAndRemove("old@example.net");
        follower.poll();
        assertThat(store.removalsAfter(0, 10)).extracting(Removal::userJid).containsExactly("old@example.net");

        now = now.plus(RemovalLogFollower.KEEP).plus(Duration.ofMinutes(1));
        follower.poll();

        assertThat(store.removalsAfter(0, 10)).isEmpty();
        assertThat(handled).containsExactly("old@example.net");
    }
}
