package org.imbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.imbridge.core.registration.LegacyAccountInUseException;
import org.imbridge.core.registration.Limits;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.registration.RegistrationStoreException;
import org.imbridge.core.registration.Removal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RegistrationStore} on plain JDBC, for H2 and PostgreSQL (portable SQL only).
 *
 * <p>Passwords are sealed by a {@link SecretBox} bound to the user JID and network before they reach
 * the database and opened after they leave it. Each method is one transaction on a connection of the
 * given {@link DataSource}; thread safety comes from the database. Concurrent saves of the same user
 * are serialized by a row lock; concurrent first saves race on the unique key and the loser retries as
 * an update.
 *
 * <p>Open it with {@link RegistrationStores#open(StoreConfig)}, or with {@link #open(DataSource,
 * SecretBox, String)} for a data source managed elsewhere.
 */
public final class JdbcRegistrationStore implements RegistrationStore {

    /** Longest list of group names, joined, that {@link #recordSentGroups} keeps (the column's size). */
    private static final int SENT_GROUPS_MAX = 4000;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcRegistrationStore.class);
    private static final String UNIQUE_VIOLATION = "23505";
    /** Marks a contact as synced if its registration exists and it is not marked yet. */
    private static final String INSERT_IF_UNMARKED = "INSERT INTO synced_contact (registration_id, contact_id, "
            + "synced_at) SELECT r.id, ?, ? FROM registration r WHERE r.user_jid = ? AND r.network = ? "
            + "AND NOT EXISTS (SELECT 1 FROM synced_contact c WHERE c.registration_id = r.id AND c.contact_id = ?)";
    private static final int SAVE_ATTEMPTS = 3;

    private static final String SELECT_REGISTRATION = "SELECT r.id, r.user_jid, r.network, r.legacy_account, "
            + "r.legacy_password, r.registered_at, r.updated_at, s.name, s.setting_value "
            + "FROM registration r LEFT JOIN registration_setting s ON s.registration_id = r.id ";

    private final DataSource dataSource;
    private final SecretBox secretBox;
    private final String schemaVersion;
    private final AutoCloseable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JdbcRegistrationStore(DataSource dataSource, SecretBox secretBox, String schemaVersion,
            AutoCloseable onClose) {
        this.dataSource = dataSource;
        this.secretBox = secretBox;
        this.schemaVersion = schemaVersion;
        this.onClose = onClose;
    }

    /**
     * Migrates the schema, checks the key against the one the database was created with, and returns
     * the store. {@link #close()} closes the data source when it is {@link AutoCloseable} (a pool).
     *
     * @param dataSource the database; at least two connections
     * @param secretBox  the key for the legacy passwords
     * @param keySource  where the key came from, for error messages
     * @return the store
     * @throws RegistrationStoreException when the schema cannot be migrated or the key is wrong
     */
    public static JdbcRegistrationStore open(DataSource dataSource, SecretBox secretBox, String keySource) {
        AutoCloseable onClose = dataSource instanceof AutoCloseable ? (AutoCloseable) dataSource : () -> { };
        return open(dataSource, secretBox, keySource, onClose);
    }

    static JdbcRegistrationStore open(DataSource dataSource, SecretBox secretBox, String keySource,
            AutoCloseable onClose) {
        String version = SchemaMigrator.migrate(dataSource);
        KeyCheck.verify(dataSource, secretBox, keySource);
        return new JdbcRegistrationStore(dataSource, secretBox, version, onClose);
    }

    /** @return the schema version the store runs on (Flyway's version of the last applied migration) */
    public String schemaVersion() {
        return schemaVersion;
    }

    @Override
    public Optional<Registration> find(String userJid, String network) {
        Limits.userJid(userJid);
        Limits.network(network);
        List<Registration> found = query(SELECT_REGISTRATION + "WHERE r.user_jid = ? AND r.network = ? ORDER BY s.name",
                "find the registration of " + userJid, false, userJid, network);
        return found.stream().findFirst();
    }

    @Override
    public Optional<Registration> findByLegacyAccount(String network, String legacyAccount) {
        Limits.network(network);
        Limits.legacyAccount(legacyAccount);
        List<Registration> found = query(
                SELECT_REGISTRATION + "WHERE r.network = ? AND r.legacy_account = ? ORDER BY s.name",
                "find the registration of legacy account " + legacyAccount, false, network, legacyAccount);
        return found.stream().findFirst();
    }

    /**
     * {@inheritDoc}
     *
     * <p>A registration whose password cannot be decrypted (its row was altered outside the store) is
     * left out with a warning naming the user, so that one bad row does not stop everyone else;
     * {@link #find} on it fails with the reason.
     */
    @Override
    public List<Registration> all(String network) {
        Limits.network(network);
        return query(SELECT_REGISTRATION + "WHERE r.network = ? ORDER BY r.user_jid, s.name",
                "list the registrations of network " + network, true, network);
    }

    @Override
    public List<String> userJids(String network, String after, int limit) {
        Limits.network(network);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        ensureOpen();
        // Keyset paging: the unique (user_jid, network) index serves both the bound and the order.
        String sql = "SELECT user_jid FROM registration WHERE network = ?"
                + (after == null ? "" : " AND user_jid > ?") + " ORDER BY user_jid LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, network);
            if (after != null) {
                ps.setString(i++, after);
            }
            ps.setInt(i, limit);
            List<String> page = new ArrayList<>(Math.min(limit, 1024));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(rs.getString(1));
                }
            }
            return page;
        } catch (SQLException e) {
            throw failure("list the users of network " + network, e);
        }
    }

    @Override
    public int count(String network) {
        Limits.network(network);
        ensureOpen();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM registration WHERE network = ?")) {
            ps.setString(1, network);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw failure("count the registrations of network " + network, e);
        }
    }

    @Override
    public void save(Registration registration) {
        ensureOpen();
        String sealed = secretBox.seal(registration.legacyPassword(),
                passwordContext(registration.userJid(), registration.network()));
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                if (trySave(c, registration, sealed)) {
                    return;
                }
                if (attempt >= SAVE_ATTEMPTS) {
                    throw new RegistrationStoreException("cannot save the registration of " + registration.userJid()
                            + ": it kept being changed concurrently");
                }
                LOG.debug("Concurrent first save of {} on {}; retrying", registration.userJid(),
                        registration.network());
            } catch (SQLException e) {
                throw failure("save the registration of " + registration.userJid(), e);
            }
        }
    }

    /** One save transaction; false when a concurrent insert won the race and the save must be retried. */
    private boolean trySave(Connection c, Registration r, String sealedPassword) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            checkLegacyAccountFree(c, r);
            Long id = lockRegistration(c, r.userJid(), r.network());
            if (id == null) {
                insertRegistration(c, r, sealedPassword);
                id = lockRegistration(c, r.userJid(), r.network());
            } else {
                updateRegistration(c, id, r, sealedPassword);
            }
            replaceSettings(c, id, r.settings());
            c.commit();
            return true;
        } catch (SQLException e) {
            c.rollback();
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        } catch (RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void checkLegacyAccountFree(Connection c, Registration r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_jid FROM registration WHERE network = ? AND legacy_account = ? AND user_jid <> ?")) {
            ps.setString(1, r.network());
            ps.setString(2, r.legacyAccount());
            ps.setString(3, r.userJid());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new LegacyAccountInUseException(r.network(), r.legacyAccount(), rs.getString(1));
                }
            }
        }
    }

    private static Long lockRegistration(Connection c, String userJid, String network) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM registration WHERE user_jid = ? AND network = ? FOR UPDATE")) {
            ps.setString(1, userJid);
            ps.setString(2, network);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static void insertRegistration(Connection c, Registration r, String sealedPassword) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO registration (user_jid, network, legacy_account, "
                + "legacy_password, registered_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.userJid());
            ps.setString(2, r.network());
            ps.setString(3, r.legacyAccount());
            ps.setString(4, sealedPassword);
            ps.setObject(5, timestamp(r.registeredAt()));
            ps.setObject(6, timestamp(r.updatedAt()));
            ps.executeUpdate();
        }
    }

    private static void updateRegistration(Connection c, long id, Registration r, String sealedPassword)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE registration SET legacy_account = ?, legacy_password = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, r.legacyAccount());
            ps.setString(2, sealedPassword);
            ps.setObject(3, timestamp(r.updatedAt()));
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    private static void replaceSettings(Connection c, long id, Map<String, String> settings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM registration_setting WHERE registration_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        if (settings.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO registration_setting (registration_id, name, setting_value) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                ps.setLong(1, id);
                ps.setString(2, setting.getKey());
                ps.setString(3, setting.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public boolean remove(String userJid, String network) {
        Limits.userJid(userJid);
        Limits.network(network);
        ensureOpen();
        try (Connection c = dataSource.getConnection()) {
            return removeLogged(c, userJid, network);
        } catch (SQLException e) {
            throw failure("remove the registration of " + userJid, e);
        }
    }

    /** One transaction: the row locked, its synced contacts copied to the removal log, then the delete. */
    private boolean removeLogged(Connection c, String userJid, String network) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            Long id = lockRegistration(c, userJid, network);
            if (id == null) {
                c.rollback();
                return false;
            }
            long removalId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO registration_removal (user_jid, network, "
                    + "removed_at) VALUES (?, ?, ?)", new String[] {"id"})) {
                ps.setString(1, userJid);
                ps.setString(2, network);
                ps.setObject(3, timestamp(Instant.now()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    removalId = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO registration_removal_contact (removal_id, "
                    + "contact_id) SELECT ?, contact_id FROM synced_contact WHERE registration_id = ?")) {
                ps.setLong(1, removalId);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            // Settings and synced contacts go with it (ON DELETE CASCADE).
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM registration WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            c.commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    @Override
    public List<Removal> removalsAfter(long afterId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        ensureOpen();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT r.id, r.user_jid, r.network, r.removed_at, "
                     + "rc.contact_id FROM (SELECT id, user_jid, network, removed_at FROM registration_removal "
                     + "WHERE id > ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY) r "
                     + "LEFT JOIN registration_removal_contact rc ON rc.removal_id = r.id ORDER BY r.id")) {
            ps.setLong(1, afterId);
            List<Removal> removals = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                long current = -1;
                String user = null;
                String net = null;
                Instant at = null;
                Set<String> contacts = new LinkedHashSet<>();
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (id != current) {
                        if (current >= 0) {
                            removals.add(new Removal(current, user, net, at, contacts));
                        }
                        current = id;
                        user = rs.getString(2);
                        net = rs.getString(3);
                        at = rs.getObject(4, OffsetDateTime.class).toInstant();
                        contacts = new LinkedHashSet<>();
                    }
                    String contact = rs.getString(5);
                    if (contact != null) {
                        contacts.add(contact);
                    }
                }
                if (current >= 0) {
                    removals.add(new Removal(current, user, net, at, contacts));
                }
            }
            return removals;
        } catch (SQLException e) {
            throw failure("read the removal log", e);
        }
    }

    @Override
    public long lastRemovalId() {
        ensureOpen();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM registration_removal");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1); // 0 for SQL NULL: an empty log
        } catch (SQLException e) {
            throw failure("read the removal log", e);
        }
    }

    @Override
    public int pruneRemovals(Instant before) {
        ensureOpen();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM registration_removal WHERE removed_at < ?")) {
            ps.setObject(1, timestamp(before));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("prune the removal log", e);
        }
    }

    @Override
    public Set<String> syncedContacts(String userJid, String network) {
        Limits.userJid(userJid);
        Limits.network(network);
        ensureOpen();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT c.contact_id FROM synced_contact c "
                     + "JOIN registration r ON r.id = c.registration_id WHERE r.user_jid = ? AND r.network = ? "
                     + "ORDER BY c.contact_id")) {
            ps.setString(1, userJid);
            ps.setString(2, network);
            Set<String> contacts = new LinkedHashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    contacts.add(rs.getString(1));
                }
            }
            return Collections.unmodifiableSet(contacts);
        } catch (SQLException e) {
            throw failure("read the synced contacts of " + userJid, e);
        }
    }

    @Override
    public Map<String, Set<String>> sentGroups(String userJid, String network) {
        Limits.userJid(userJid);
        Limits.network(network);
        ensureOpen();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT c.contact_id, c.sent_groups FROM synced_contact c "
                     + "JOIN registration r ON r.id = c.registration_id WHERE r.user_jid = ? AND r.network = ? "
                     + "AND c.sent_groups IS NOT NULL")) {
            ps.setString(1, userJid);
            ps.setString(2, network);
            Map<String, Set<String>> groups = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String joined = rs.getString(2);
                    groups.put(rs.getString(1), joined.isEmpty() ? Set.of() : Set.of(joined.split("\n")));
                }
            }
            return Collections.unmodifiableMap(groups);
        } catch (SQLException e) {
            throw failure("read the groups sent to " + userJid, e);
        }
    }

    @Override
    public void recordSentGroups(String userJid, String network, String contactId, Set<String> groups) {
        Limits.userJid(userJid);
        Limits.network(network);
        Limits.contactId(contactId);
        String joined = String.join("\n", new java.util.TreeSet<>(groups));
        if (joined.length() > SENT_GROUPS_MAX || groups.stream().anyMatch(g -> g.indexOf('\n') >= 0)) {
            return; // not recordable: the next login sends no modify for it, as before
        }
        ensureOpen();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE synced_contact SET sent_groups = ? WHERE contact_id = ? "
                     + "AND registration_id = (SELECT r.id FROM registration r WHERE r.user_jid = ? AND r.network = ?)")) {
            ps.setString(1, joined);
            ps.setString(2, contactId);
            ps.setString(3, userJid);
            ps.setString(4, network);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("record the groups sent to " + userJid, e);
        }
    }

    @Override
    public boolean markSynced(String userJid, String network, String contactId) {
        Limits.userJid(userJid);
        Limits.network(network);
        Limits.contactId(contactId);
        ensureOpen();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(INSERT_IF_UNMARKED)) {
            bindInsertIfUnmarked(ps, userJid, network, contactId, timestamp(Instant.now()));
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false; // marked concurrently
            }
            throw failure("mark a contact of " + userJid + " as synced", e);
        }
    }

    @Override
    public int markSynced(String userJid, String network, Collection<String> contactIds) {
        return markNewlySynced(userJid, network, contactIds).size();
    }

    @Override
    public Set<String> markNewlySynced(String userJid, String network, Collection<String> contactIds) {
        Limits.userJid(userJid);
        Limits.network(network);
        Set<String> wanted = new LinkedHashSet<>(contactIds);
        wanted.forEach(Limits::contactId);
        if (wanted.isEmpty()) {
            return Set.of();
        }
        // Every later login finds all its contacts marked: a plain read then, no transaction.
        if (syncedContacts(userJid, network).containsAll(wanted)) {
            return Set.of();
        }
        ensureOpen();
        Optional<Set<String>> marked;
        try (Connection c = dataSource.getConnection()) {
            marked = markAll(c, userJid, network, wanted);
        } catch (SQLException e) {
            if (!isUniqueViolation(e)) {
                throw failure("mark contacts of " + userJid + " as synced", e);
            }
            marked = Optional.empty(); // marked concurrently
        }
        return Collections.unmodifiableSet(marked.orElseGet(() -> markOneByOne(userJid, network, wanted)));
    }

    /** One at a time, each insert skipping a contact already there. */
    private Set<String> markOneByOne(String userJid, String network, Set<String> wanted) {
        Set<String> fresh = new LinkedHashSet<>();
        wanted.stream().filter(id -> markSynced(userJid, network, id)).forEach(fresh::add);
        return fresh;
    }

    /**
     * One transaction, one batch of conditional inserts: each row goes in only if the registration exists
     * and the contact is not marked yet, and its update count says which did. No row lock is taken: a
     * concurrent mark of the same contact ends in a unique violation, and the caller then marks one at a
     * time. (A {@code SELECT ... FOR UPDATE} would also do, but H2 parses it again at every call: it does
     * not keep locking statements in its statement cache, and this runs at every first login.)
     *
     * @return the contacts inserted; empty when the driver did not say which rows went in (nothing is
     *         kept then, and the caller marks one at a time)
     */
    private Optional<Set<String>> markAll(Connection c, String userJid, String network, Set<String> wanted)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            List<String> order = new ArrayList<>(wanted);
            int[] counts;
            try (PreparedStatement ps = c.prepareStatement(INSERT_IF_UNMARKED)) {
                Object now = timestamp(Instant.now());
                for (String contactId : order) {
                    bindInsertIfUnmarked(ps, userJid, network, contactId, now);
                    ps.addBatch();
                }
                counts = ps.executeBatch();
            }
            if (counts.length != order.size() || Arrays.stream(counts).anyMatch(count -> count < 0)) {
                c.rollback();
                return Optional.empty();
            }
            c.commit();
            Set<String> inserted = new LinkedHashSet<>();
            for (int i = 0; i < order.size(); i++) {
                if (counts[i] > 0) {
                    inserted.add(order.get(i));
                }
            }
            return Optional.of(inserted);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void bindInsertIfUnmarked(PreparedStatement ps, String userJid, String network, String contactId,
                                             Object now) throws SQLException {
        ps.setString(1, contactId);
        ps.setObject(2, now);
        ps.setString(3, userJid);
        ps.setString(4, network);
        ps.setString(5, contactId);
    }

    @Override
    public boolean unmarkSynced(String userJid, String network, String contactId) {
        Limits.userJid(userJid);
        Limits.network(network);
        Limits.contactId(contactId);
        return update("DELETE FROM synced_contact WHERE contact_id = ? AND registration_id = "
                        + "(SELECT id FROM registration WHERE user_jid = ? AND network = ?)",
                "unmark a synced contact of " + userJid, contactId, userJid, network) > 0;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            onClose.close();
        } catch (Exception e) {
            throw new RegistrationStoreException("cannot close the registration store: " + e.getMessage(), e);
        }
    }

    private List<Registration> query(String sql, String what, boolean skipUnreadable, String... params) {
        ensureOpen();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return readRegistrations(rs, skipUnreadable);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Folds the rows of {@link #SELECT_REGISTRATION} (one per setting, ordered by registration). */
    private List<Registration> readRegistrations(ResultSet rs, boolean skipUnreadable) throws SQLException {
        List<Registration> result = new ArrayList<>();
        long currentId = -1;
        Row row = null;
        while (rs.next()) {
            long id = rs.getLong("id");
            if (row == null || id != currentId) {
                if (row != null) {
                    add(result, row, skipUnreadable);
                }
                currentId = id;
                row = new Row(rs);
            }
            String name = rs.getString("name");
            if (name != null) {
                row.settings.put(name, rs.getString("setting_value"));
            }
        }
        if (row != null) {
            add(result, row, skipUnreadable);
        }
        return result;
    }

    private void add(List<Registration> result, Row row, boolean skipUnreadable) {
        try {
            result.add(row.toRegistration(secretBox));
        } catch (RegistrationStoreException e) {
            if (!skipUnreadable) {
                throw e;
            }
            LOG.warn("Leaving out the registration of {} on {}: {}", row.userJid, row.network, e.getMessage());
        }
    }

    private int update(String sql, String what, String... params) {
        ensureOpen();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the registration store is closed");
        }
    }

    private static RegistrationStoreException failure(String what, SQLException e) {
        return new RegistrationStoreException("cannot " + what + ": " + e.getMessage(), e);
    }

    static boolean isUniqueViolation(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The sealed password is bound to its user and network: copied to another row it does not open. */
    static String passwordContext(String userJid, String network) {
        return "registration\0" + userJid + "\0" + network;
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** The registration columns of one result row, collecting its settings. */
    private static final class Row {
        final String userJid;
        final String network;
        final String legacyAccount;
        final String sealedPassword;
        final Instant registeredAt;
        final Instant updatedAt;
        final Map<String, String> settings = new TreeMap<>();

        Row(ResultSet rs) throws SQLException {
            userJid = rs.getString("user_jid");
            network = rs.getString("network");
            legacyAccount = rs.getString("legacy_account");
            sealedPassword = rs.getString("legacy_password");
            registeredAt = rs.getObject("registered_at", OffsetDateTime.class).toInstant();
            updatedAt = rs.getObject("updated_at", OffsetDateTime.class).toInstant();
        }

        Registration toRegistration(SecretBox box) {
            String password;
            try {
                password = box.open(sealedPassword, passwordContext(userJid, network));
            } catch (SecretBoxException e) {
                throw new RegistrationStoreException("cannot read the legacy password of " + userJid + " on "
                        + network + ": " + e.getMessage(), e);
            }
            return new Registration(userJid, network, legacyAccount, password, settings, registeredAt, updatedAt);
        }
    }
}
