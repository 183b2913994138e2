package org.imbridge.store.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.imbridge.core.cluster.Claim;
import org.imbridge.core.cluster.Membership;
import org.imbridge.core.cluster.SessionOwnership;
import org.imbridge.core.registration.RegistrationStoreException;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session ownership shared through PostgreSQL.
 *
 * <ul>
 *   <li><b>Live instances.</b> Each instance holds a session-level advisory lock, keyed by its name,
 *       on a connection of its own, and writes {@code transport_instance.heartbeat_at} at each
 *       {@link #heartbeat}. It is live while both hold: the lock goes the moment its process dies
 *       (the server sees the connection close), the heartbeat ages past the lease when its machine
 *       vanishes (the server may hold a dead TCP connection, and so the lock, for long). All times
 *       are the database's, so the instances' clocks do not matter.</li>
 *   <li><b>Claims.</b> {@code session_owner} has one row per user with a session. A claim locks the
 *       user's row, and takes it unless a live instance took it less than the grace ago; taking it
 *       from a live instance sends {@code NOTIFY} on {@value #CHANNEL}, which that instance's
 *       listening thread turns into {@link LostListener#lost}.</li>
 *   <li><b>Losing the database connection.</b> The listening thread reconnects with a backoff and
 *       takes its lock again. Meanwhile this instance does not count as live (the others may take its
 *       users, and the legacy network's "logged in elsewhere" tells it so) and hears no NOTIFY.</li>
 * </ul>
 */
public final class PostgresSessionOwnership implements SessionOwnership {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSessionOwnership.class);

    static final String CHANNEL = "imbridge_session_moved";
    /** First line of a request to give up an extra stream: then the instance asked, then who asks. */
    private static final String STREAM_WANTED = "stream-wanted";
    /** First line of a take-over notice: then the old owner, the new owner, the network, the user. */
    private static final String LOST = "lost";
    private static final Duration LISTEN_POLL = Duration.ofMillis(250);
    private static final Duration RECONNECT_MAX = Duration.ofSeconds(30);
    private static final int LOCK_ATTEMPTS = 5;
    private static final Duration LOCK_RETRY = Duration.ofMillis(100);

    /** A live instance, as SQL over {@code transport_instance i}; parameter: the lease in seconds. */
    private static final String LIVE = "i.heartbeat_at > now() - make_interval(secs => ?) AND EXISTS ("
            + "SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
            + " AND l.mode = 'ExclusiveLock'" // not the others' short shared holds (PeerDeathWatch)
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND ((l.classid::bigint << 32) | l.objid::bigint) = i.lock_key)";

    /** Opens the connection that holds this instance's lock and listens. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    private final DataSource pool;
    private final Connector connector;
    private final String name;
    private final long lockKey;
    private final double leaseSeconds;
    private final double graceSeconds;
    private final Thread listener;
    private final PeerDeathWatch deaths;
    private volatile LostListener lost = (user, network, owner) -> { };
    private volatile Runnable streamWanted = () -> { };
    private volatile Connection held;
    private volatile boolean left;

    private PostgresSessionOwnership(DataSource pool, Connector connector, String name, Duration lease, Duration grace) {
        this.pool = pool;
        this.connector = connector;
        this.name = name;
        this.lockKey = lockKey(name);
        this.leaseSeconds = lease.toMillis() / 1000.0;
        this.graceSeconds = grace.toMillis() / 1000.0;
        this.listener = new Thread(this::listen, "imbridge-cluster");
        this.listener.setDaemon(true);
        this.deaths = new PeerDeathWatch(connector);
    }

    /**
     * Joins the deployment on the (migrated) database.
     *
     * @param pool      pooled connections for the row work (two are enough)
     * @param connector opens the connection that holds the lock and listens
     * @param name      this instance's name, unique among live instances
     * @param lease     how old a heartbeat may be for its instance to count as live
     * @param grace     how long a user another live instance took stays with it
     * @throws IllegalStateException      when a live instance already has this name
     * @throws RegistrationStoreException when the database cannot be reached
     */
    public static PostgresSessionOwnership join(DataSource pool, Connector connector, String name, Duration lease,
                                                Duration grace) {
        PostgresSessionOwnership ownership = new PostgresSessionOwnership(pool, connector, name, lease, grace);
        try {
            ownership.held = ownership.lockAndListen();
        } catch (SQLException e) {
            throw new RegistrationStoreException("cannot join the instances on the database: " + e.getMessage(), e);
        }
        ownership.listener.start();
        LOG.info("instance {} joined the deployment (lease {} s, hand-over grace {} s)", name, lease.toSeconds(),
                grace.toSeconds());
        return ownership;
    }

    @Override
    public String instance() {
        return name;
    }

    @Override
    public Claim claim(String userJid, String network) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                Claim claim = claim(c, userJid, network);
                c.commit();
                return claim;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed("claim the session of " + userJid, e);
        }
    }

    private Claim claim(Connection c, String userJid, String network) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO session_owner (user_jid, network, instance,"
                + " claimed_at) VALUES (?, ?, ?, now()) ON CONFLICT DO NOTHING")) {
            insert.setString(1, userJid);
            insert.setString(2, network);
            insert.setString(3, name);
            if (insert.executeUpdate() == 1) {
                return Claim.claimed();
            }
        }
        String owner;
        boolean recent;
        boolean live;
        try (PreparedStatement select = c.prepareStatement("SELECT o.instance,"
                + " o.claimed_at > now() - make_interval(secs => ?),"
                + " EXISTS (SELECT 1 FROM transport_instance i WHERE i.name = o.instance AND " + LIVE + ")"
                + " FROM session_owner o WHERE o.user_jid = ? AND o.network = ? FOR UPDATE")) {
            select.setDouble(1, graceSeconds);
            select.setDouble(2, leaseSeconds);
            select.setString(3, userJid);
            select.setString(4, network);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return claim(c, userJid, network); // released between the two statements
                }
                owner = rs.getString(1);
                recent = rs.getBoolean(2);
                live = rs.getBoolean(3);
            }
        }
        if (owner.equals(name)) {
            return Claim.claimed();
        }
        if (live && recent) {
            return Claim.heldElsewhere(owner);
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE session_owner SET instance = ?, claimed_at = now()"
                + " WHERE user_jid = ? AND network = ?")) {
            update.setString(1, name);
            update.setString(2, userJid);
            update.setString(3, network);
            update.executeUpdate();
        }
        if (live) {
            try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                notify.setString(1, CHANNEL);
                notify.setString(2, String.join("\n", LOST, owner, name, network, userJid));
                notify.execute();
            }
        }
        return Claim.takenOver(owner);
    }

    @Override
    public void release(String userJid, String network) {
        if (left) {
            // Users an instance logs out after leaving are those nobody took over in time: their claims
            // stay, so that the leader still asks for them as for a dead instance's (see leave()).
            return;
        }
        update("release the session of " + userJid,
                "DELETE FROM session_owner WHERE user_jid = ? AND network = ? AND instance = ?", userJid, network, name);
    }

    @Override
    public boolean ownedElsewhere(String userJid, String network) {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM session_owner o JOIN transport_instance i"
                     + " ON i.name = o.instance WHERE o.user_jid = ? AND o.network = ? AND o.instance <> ? AND " + LIVE)) {
            s.setString(1, userJid);
            s.setString(2, network);
            s.setString(3, name);
            s.setDouble(4, leaseSeconds);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw failed("look up the owner of " + userJid, e);
        }
    }

    @Override
    public void onLost(LostListener listener) {
        this.lost = listener;
    }

    @Override
    public void requestStream(String instance) {
        try (Connection c = pool.getConnection(); PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, STREAM_WANTED + "\n" + instance + "\n" + name);
            notify.execute();
        } catch (SQLException e) {
            throw failed("ask " + instance + " for a stream", e);
        }
    }

    @Override
    public void onStreamWanted(Runnable listener) {
        this.streamWanted = listener;
    }

    @Override
    public Membership heartbeat(String network, int streams) {
        try (Connection c = pool.getConnection()) {
            if (!left) {
                try (PreparedStatement beat = c.prepareStatement(
                        "UPDATE transport_instance SET heartbeat_at = now(), streams = ? WHERE name = ?")) {
                    beat.setInt(1, streams);
                    beat.setString(2, name);
                    if (beat.executeUpdate() == 0) {
                        register(c); // forgotten while it could not beat: it is back
                    }
                }
            }
            List<Membership.Member> members = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT i.name, i.started_at, (SELECT count(*) FROM"
                    + " session_owner o WHERE o.instance = i.name AND o.network = ?), i.streams FROM transport_instance i"
                    + " WHERE " + LIVE + " ORDER BY i.name")) {
                s.setString(1, network);
                s.setDouble(2, leaseSeconds);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        members.add(new Membership.Member(rs.getString(1), rs.getTimestamp(2).toInstant(),
                                rs.getInt(3), rs.getInt(4)));
                    }
                }
            }
            if (!left) {
                Map<String, Long> peers = new HashMap<>();
                members.stream().map(Membership.Member::name).filter(n -> !n.equals(name))
                        .forEach(n -> peers.put(n, lockKey(n)));
                deaths.watch(peers);
            }
            return new Membership(members);
        } catch (SQLException e) {
            throw failed("write the heartbeat", e);
        }
    }

    @Override
    public List<String> claimedBy(String instance, String network) {
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT user_jid FROM session_owner WHERE instance = ? AND network = ? ORDER BY user_jid")) {
            s.setString(1, instance);
            s.setString(2, network);
            List<String> users = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    users.add(rs.getString(1));
                }
            }
            return users;
        } catch (SQLException e) {
            throw failed("list the users of instance " + instance, e);
        }
    }

    @Override
    public void forget(String instance) {
        if (instance.equals(name)) {
            throw new IllegalArgumentException("an instance does not forget itself");
        }
        update("forget instance " + instance, "DELETE FROM session_owner WHERE instance = ?", instance);
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM transport_instance i WHERE i.name = ? AND NOT ("
                     + LIVE + ")")) {
            s.setString(1, instance);
            s.setDouble(2, leaseSeconds);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed("forget instance " + instance, e);
        }
    }

    @Override
    public void onPeerGone(Runnable listener) {
        deaths.onGone(listener);
    }

    @Override
    public synchronized void leave() {
        if (left) {
            return;
        }
        left = true;
        deaths.close();
        listener.interrupt();
        closeQuietly(held);
        update("leave the deployment", "DELETE FROM transport_instance WHERE name = ?", name);
        LOG.info("instance {} left the deployment", name);
    }

    @Override
    public void close() {
        try {
            leave();
        } catch (RuntimeException e) {
            LOG.warn("cannot leave the deployment cleanly: {}", e.toString());
        }
        try {
            listener.join(LISTEN_POLL.multipliedBy(4).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pool instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing the coordination pool: {}", e.toString());
            }
        }
    }

    // ---- the lock and the notifications ---------------------------------------------------------

    private Connection lockAndListen() throws SQLException {
        Connection c = connector.connect();
        try {
            if (!tryLock(c)) {
                throw new IllegalStateException("another instance named " + name
                        + " is running on this database: give each instance its own instance.name");
            }
            try (Statement listen = c.createStatement()) {
                listen.execute("LISTEN " + CHANNEL);
            }
            try (Connection rows = pool.getConnection()) {
                register(rows);
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * Takes this instance's lock, trying a few times: the other instances' {@link PeerDeathWatch} hold
     * it for a moment when the previous process of this name died.
     */
    private boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, lockKey);
            for (int attempt = 1; ; attempt++) {
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return true;
                    }
                }
                if (attempt == LOCK_ATTEMPTS || !pause(LOCK_RETRY)) {
                    return false;
                }
            }
        }
    }

    private void register(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO transport_instance (name, lock_key, started_at,"
                + " heartbeat_at) VALUES (?, ?, now(), now()) ON CONFLICT (name) DO UPDATE SET lock_key = EXCLUDED.lock_key,"
                + " started_at = now(), heartbeat_at = now(), streams = 1")) {
            s.setString(1, name);
            s.setLong(2, lockKey);
            s.executeUpdate();
        }
    }

    private void listen() {
        Duration backoff = Duration.ofMillis(500);
        while (!left) {
            try {
                Connection c = held;
                PGNotification[] notifications = c.unwrap(PGConnection.class)
                        .getNotifications((int) LISTEN_POLL.toMillis());
                backoff = Duration.ofMillis(500);
                if (notifications != null) {
                    for (PGNotification n : notifications) {
                        deliver(n.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (left) {
                    return;
                }
                LOG.warn("instance {}: lost the coordination connection ({}); reconnecting in {} ms", name,
                        e.getMessage(), backoff.toMillis());
                closeQuietly(held);
                if (!pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(RECONNECT_MAX) > 0 ? RECONNECT_MAX : backoff.multipliedBy(2);
                try {
                    held = lockAndListen();
                    LOG.info("instance {}: coordination connection back", name);
                } catch (SQLException | RuntimeException again) {
                    LOG.warn("instance {}: cannot reconnect yet: {}", name, again.getMessage());
                }
            }
        }
    }

    private void deliver(String payload) {
        if (payload.startsWith(STREAM_WANTED + "\n")) {
            String[] parts = payload.split("\n", 3);
            if (parts.length == 3 && parts[1].equals(name)) {
                LOG.info("instance {}: instance {} asks for a component stream", name, parts[2]);
                streamWanted.run();
            }
            return;
        }
        String[] parts = payload.split("\n", 5);
        if (parts.length != 5 || !parts[0].equals(LOST) || !parts[1].equals(name)) {
            return;
        }
        try {
            lost.lost(parts[4], parts[3], parts[2]);
        } catch (RuntimeException e) {
            LOG.warn("instance {}: handing {} over failed: {}", name, parts[4], e.toString());
        }
    }

    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void update(String what, String sql, String... parameters) {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    private RegistrationStoreException failed(String what, SQLException e) {
        return new RegistrationStoreException("instance " + name + ": cannot " + what + ": " + e.getMessage(), e);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing a coordination connection: {}", e.toString());
            }
        }
    }

    /** The advisory lock key of an instance name: 64 bits of its SHA-256, so that names do not collide. */
    static long lockKey(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("imbridge-instance:" + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** For tests: the process id of the backend holding this instance's lock. */
    Optional<Integer> lockHolderPid() throws SQLException {
        try (Statement s = held.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
        }
    }
}
