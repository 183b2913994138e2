package org.imbridge.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.imbridge.core.cluster.Claim;
import org.imbridge.core.cluster.SessionOwnership;
import org.imbridge.core.cluster.SoleInstance;
import org.imbridge.store.PostgresServer;
import org.imbridge.store.SessionOwnerships;
import org.imbridge.store.StoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several instances on one real PostgreSQL database: claims, hand-over notices, liveness. */
class PostgresSessionOwnershipTest {

    @RegisterExtension
    static final PostgresServer POSTGRES = new PostgresServer();

    private static final String MSN = "msn";
    private static final String ROMEO = "romeo@example.org";
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration GRACE = Duration.ofSeconds(1);

    private final List<SessionOwnership> opened = new ArrayList<>();
    private final List<String> lostByA = new CopyOnWriteArrayList<>();
    private String url;

    @BeforeEach
    void newDatabase() {
        url = POSTGRES.newDatabase();
    }

    @AfterEach
    void closeAll() {
        opened.forEach(SessionOwnership::close);
    }

    @Test
    void aUserTakenFromALiveInstanceIsAnnouncedToItAndTheNewOwnerKeepsItForTheGrace() {
        SessionOwnership a = open("a");
        SessionOwnership b = open("b");
        a.onLost((user, network, owner) -> lostByA.add(user + " " + network + " " + owner));

        assertThat(a.claim(ROMEO, MSN)).isEqualTo(Claim.claimed());
        assertThat(a.claim(ROMEO, MSN)).isEqualTo(Claim.claimed());
        await().atMost(GRACE.multipliedBy(5)).until(() -> b.claim(ROMEO, MSN).equals(Claim.takenOver("a")));

        await().atMost(Duration.ofSeconds(5)).until(() -> lostByA.contains(ROMEO + " msn b"));
        assertThat(a.ownedElsewhere(ROMEO, MSN)).isTrue();
        assertThat(b.ownedElsewhere(ROMEO, MSN)).isFalse();
        assertThat(a.claim(ROMEO, MSN)).isEqualTo(Claim.heldElsewhere("b")); // stale stanzas do not take it back
        await().atMost(GRACE.multipliedBy(5)).until(() -> a.claim(ROMEO, MSN).equals(Claim.takenOver("b")));
    }

    @Test
    void claimsAreKeptApartByNetworkAndReleasedOnlyByTheirOwner() {
        SessionOwnership a = open("a");
        SessionOwnership b = open("b");
        a.claim(ROMEO, MSN);
        assertThat(b.claim(ROMEO, "icq")).isEqualTo(Claim.claimed());

        b.release(ROMEO, MSN);
        assertThat(a.claimedBy("a", MSN)).containsExactly(ROMEO);
        a.release(ROMEO, MSN);
        assertThat(a.claimedBy("a", MSN)).isEmpty();
        assertThat(b.claimedBy("b", "icq")).containsExactly(ROMEO);
    }

    @Test
    void aKilledInstanceIsNotLiveAtOnceAndItsUsersAreTakenWithoutWaitingForTheGrace() throws Exception {
        SessionOwnership a = open("a");
        PostgresSessionOwnership b = (PostgresSessionOwnership) open("b");
        b.claim(ROMEO, MSN);
        assertThat(a.heartbeat(MSN).names()).containsExactlyInAnyOrder("a", "b");

        terminateBackend(b.lockHolderPid().orElseThrow()); // what the server sees when b's process dies

        await().atMost(Duration.ofSeconds(5)).until(() -> !a.heartbeat(MSN).names().contains("b"));
        assertThat(a.claim(ROMEO, MSN)).isEqualTo(Claim.takenOver("b"));
        assertThat(a.heartbeat(MSN).instances()).anySatisfy(m -> {
            assertThat(m.name()).isEqualTo("a");
            assertThat(m.sessions()).isOne();
        });
    }

    @Test
    void aPeersDeathIsHeardAtOnceWithoutWaitingForAHeartbeat() throws Exception {
        SessionOwnership a = open("a");
        PostgresSessionOwnership b = (PostgresSessionOwnership) open("b");
        CountDownLatch gone = new CountDownLatch(1);
        a.onPeerGone(gone::countDown);
        assertThat(a.heartbeat(MSN).names()).containsExactlyInAnyOrder("a", "b"); // a starts watching b
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingSharedHolds() == 1); // a's watch waits on b's lock
        assertThat(gone.getCount()).as("no alarm while b lives").isOne();
        assertThat(a.heartbeat(MSN).names()).as("a's watch does not make b look live or dead")
                .containsExactlyInAnyOrder("a", "b");

        terminateBackend(b.lockHolderPid().orElseThrow());

        // no heartbeat of a's in between: only the watch can have told it
        assertThat(gone.await(10, TimeUnit.SECONDS)).as("a heard b's death").isTrue();
    }

    @Test
    void anInstanceRestartedUnderItsNameAfterItsDeathIsNotRefusedByTheOthersWatch() {
        SessionOwnership a = open("a");
        SessionOwnership b = open("b");
        List<String> alarms = new CopyOnWriteArrayList<>();
        a.onPeerGone(() -> alarms.add("b"));
        a.heartbeat(MSN);

        b.close(); // its lock goes as when its process dies
        await().atMost(Duration.ofSeconds(5)).until(() -> !alarms.isEmpty());
        SessionOwnership again = open("b");

        assertThat(a.heartbeat(MSN).names()).containsExactlyInAnyOrder("a", "b");
        assertThat(again.heartbeat(MSN).names()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void anInstanceWhoseHeartbeatStopsIsNotLiveAfterTheLease() {
        SessionOwnership a = open("a");
        SessionOwnership b = open("b"); // never beats again
        assertThat(a.heartbeat(MSN).names()).contains("b");

        await().atMost(LEASE.multipliedBy(3)).until(() -> !a.heartbeat(MSN).names().contains("b"));
        assertThat(a.heartbeat(MSN).names()).containsExactly("a");
        assertThat(b.heartbeat(MSN).names()).contains("b"); // and back once it beats
    }

    @Test
    void aLeavingInstanceStopsCountingAtOnceButKeepsItsClaimsUntilTakenOrForgotten() {
        SessionOwnership a = open("a");
        SessionOwnership b = open("b");
        b.claim(ROMEO, MSN);
        b.claim("juliet@example.org", MSN);

        b.leave();
        b.release("juliet@example.org", MSN); // logged out after nobody took her over in time

        assertThat(a.heartbeat(MSN).names()).containsExactly("a");
        assertThat(a.claimedBy("b", MSN)).containsExactly("juliet@example.org", ROMEO);
        assertThat(a.claim(ROMEO, MSN)).isEqualTo(Claim.takenOver("b"));
        assertThat(b.ownedElsewhere(ROMEO, MSN)).isTrue();
        a.forget("b");
        assertThat(a.claimedBy("b", MSN)).isEmpty();
        assertThat(a.claimedBy("a", MSN)).containsExactly(ROMEO);
    }

    @Test
    void aSecondInstanceWithALiveNameIsRefusedInWords() {
        open("a");

        assertThatThrownBy(() -> open("a")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another instance named a is running").hasMessageContaining("instance.name");
    }

    @Test
    void theHeartbeatCountsEachLiveInstancesSessionsInOrderOfName() {
        SessionOwnership b = open("b");
        SessionOwnership a = open("a");
        b.claim(ROMEO, MSN);
        b.claim("juliet@example.org", MSN);
        a.claim("tybalt@example.org", MSN);

        var members = a.heartbeat(MSN).instances();

        assertThat(members).extracting(m -> m.name() + "=" + m.sessions()).containsExactly("a=1", "b=2");
        assertThat(a.heartbeat(MSN).isLeader("a")).isTrue();
    }

    @Test
    void anInstanceAskedForAStreamHearsItAndTheHeartbeatCarriesEachInstancesStreams() {
        SessionOwnership a = open("a");
        SessionOwnership b = open("b");
        List<String> asked = new CopyOnWriteArrayList<>();
        a.onStreamWanted(() -> asked.add("a"));
        b.onStreamWanted(() -> asked.add("b"));
        a.heartbeat(MSN, 3);

        b.requestStream("a");

        await().atMost(Duration.ofSeconds(5)).until(() -> asked.contains("a"));
        assertThat(asked).containsExactly("a");
        assertThat(b.heartbeat(MSN, 1).instances()).extracting(m -> m.name() + ":" + m.streams())
                .containsExactly("a:3", "b:1");
        assertThat(b.heartbeat(MSN, 1).streams()).isEqualTo(4);
    }

    @Test
    void anH2StoreMakesTheOnlyInstance() {
        StoreConfig h2 = StoreConfig.h2File(Path.of("target/never-opened"), Path.of("target/never.key"));

        assertThat(SessionOwnerships.open(h2, "solo", LEASE, GRACE)).isInstanceOf(SoleInstance.class);
    }

    private SessionOwnership open(String name) {
        SessionOwnership ownership = SessionOwnerships.open(StoreConfig.jdbc(url, PostgresServer.USER, null,
                Path.of("target/unused.key")), name, LEASE, GRACE);
        opened.add(ownership);
        return ownership;
    }

    /** Shared advisory holds asked for and not granted: watches waiting for their peer to go. */
    private int waitingSharedHolds() throws Exception {
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, null);
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                     + " AND mode = 'ShareLock' AND NOT granted");
             java.sql.ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    private void terminateBackend(int pid) throws Exception {
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, null);
             PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
            s.setInt(1, pid);
            s.execute();
        }
    }
}
