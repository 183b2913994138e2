package org.imbridge.xmpp.gateway.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.registration.Removal;
import org.h2.jdbcx.JdbcDataSource;
import org.imbridge.store.JdbcRegistrationStore;
import org.imbridge.store.SecretBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Following the removal log of a real (in-memory) store. */
class RemovalLogFollowerTest {

    private final JdbcDataSource database = database();
    private final RegistrationStore store = JdbcRegistrationStore.open(database, SecretBox.withRandomKey(), "a test key");
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
    void close() throws SQLException {
        store.close();
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    private static JdbcDataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:removal-log-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    /** A removal logged with the given id, as a transaction that took its id earlier and commits now. */
    private void logRemoval(long id, String user) throws SQLException {
        try (Connection c = database.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO registration_removal (id, user_jid, network, removed_at) VALUES (?, ?, 'msn', ?)")) {
            ps.setLong(1, id);
            ps.setString(2, user);
            ps.setObject(3, now.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
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
    void aRemovalThatCommitsAfterAHigherIdIsStillHandledOnce() throws SQLException {
        RemovalLogFollower follower = new RemovalLogFollower(store, r -> handled.add(r.userJid()), clock);
        follower.start();
        logRemoval(1, "first@example.net");
        logRemoval(3, "third@example.net");
        follower.poll();
        assertThat(handled).containsExactly("first@example.net", "third@example.net");

        logRemoval(2, "late@example.net");
        follower.poll();
        follower.poll();

        assertThat(handled).containsExactly("first@example.net", "third@example.net", "late@example.net");
    }

    @Test
    void anIdThatNeverCommitsIsGivenUpAfterAMinute() throws SQLException {
        RemovalLogFollower follower = new RemovalLogFollower(store, r -> handled.add(r.userJid()), clock);
        follower.start();
        logRemoval(1, "first@example.net");
        logRemoval(3, "third@example.net");
        follower.poll();

        now = now.plus(RemovalLogFollower.HOLE_WAIT).plusSeconds(1);
        follower.poll();
        logRemoval(2, "too-late@example.net");
        follower.poll();

        assertThat(handled).containsExactly("first@example.net", "third@example.net");
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
