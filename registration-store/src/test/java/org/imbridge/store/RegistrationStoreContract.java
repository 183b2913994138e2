package org.imbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.imbridge.core.registration.LegacyAccountInUseException;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.registration.RegistrationStoreException;
import org.imbridge.core.registration.Removal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link RegistrationStore} database must do; one subclass per database (H2, PostgreSQL).
 * Each test gets a fresh, empty database and a key file in its own temp dir.
 */
abstract class RegistrationStoreContract {

    static final String MSN = "msn";
    static final String ROMEO = "romeo@example.net";
    static final String JULIET = "juliet@example.net";
    static final String PASSWORD = "s3cret-Pässword";
    static final UnaryOperator<String> NO_ENVIRONMENT = name -> null;

    @TempDir
    Path tempDir;

    StoreConfig config;
    RegistrationStore store;

    /**
     * @param keyFile the key file to configure
     * @return the configuration of a new, empty database
     */
    abstract StoreConfig newDatabaseConfig(Path keyFile);

    @BeforeEach
    void openStore() {
        config = newDatabaseConfig(tempDir.resolve("keys/store.key"));
        store = open(config);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static RegistrationStore open(StoreConfig config) {
        return RegistrationStores.open(config, NO_ENVIRONMENT);
    }

    RegistrationStore reopen() {
        store.close();
        store = open(config);
        return store;
    }

    Connection rawConnection() throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(), config.user() == null ? "" : config.user(),
                config.password() == null ? "" : config.password());
    }

    static Registration romeo() {
        return Registration.of(ROMEO, MSN, "romeo@hotmail.com", PASSWORD);
    }

    @Test
    void savedRegistrationIsFoundWithItsPassword() {
        Registration romeo = romeo().withSetting("nick", "Romeo");
        store.save(romeo);

        assertThat(store.find(ROMEO, MSN)).contains(romeo);
        assertThat(store.find(ROMEO, MSN).orElseThrow().legacyPassword()).isEqualTo(PASSWORD);
    }

    @Test
    void unknownUserOrOtherNetworkIsNotFound() {
        store.save(romeo());

        assertThat(store.find(JULIET, MSN)).isEmpty();
        assertThat(store.find(ROMEO, "icq")).isEmpty();
    }

    @Test
    void savingAgainUpdatesEverythingButTheRegistrationTime() {
        Registration first = romeo().withSetting("a", "1");
        store.save(first);

        Registration second = new Registration(ROMEO, MSN, "romeo2@hotmail.com", "new-password",
                Map.of("b", "2"), first.registeredAt().plusSeconds(60), first.updatedAt().plusSeconds(60));
        store.save(second);

        Registration found = store.find(ROMEO, MSN).orElseThrow();
        assertThat(found.legacyAccount()).isEqualTo("romeo2@hotmail.com");
        assertThat(found.legacyPassword()).isEqualTo("new-password");
        assertThat(found.settings()).containsExactly(Map.entry("b", "2"));
        assertThat(found.updatedAt()).isEqualTo(second.updatedAt());
        assertThat(found.registeredAt()).isEqualTo(first.registeredAt());
        assertThat(store.count(MSN)).isEqualTo(1);
    }

    @Test
    void settingsRoundTrip() {
        Map<String, String> settings = Map.of(
                "nick", "Ромео ♥", "empty", "", "roster.sync", "privileged", "long", "x".repeat(1024));
        store.save(romeo().withSettings(settings));

        assertThat(store.find(ROMEO, MSN).orElseThrow().settings()).isEqualTo(settings);

        store.save(store.find(ROMEO, MSN).orElseThrow().withoutSetting("nick").withSetting("empty", "now set"));
        assertThat(store.find(ROMEO, MSN).orElseThrow().settings())
                .doesNotContainKey("nick")
                .containsEntry("empty", "now set")
                .hasSize(3);
    }

    @Test
    void removeDeletesTheRegistrationItsSettingsAndSyncedContacts() throws SQLException {
        store.save(romeo().withSetting("nick", "Romeo"));
        store.markSynced(ROMEO, MSN, "juliet@hotmail.com");
        store.save(Registration.of(JULIET, MSN, "juliet@hotmail.com", "pw").withSetting("nick", "Juliet"));
        store.markSynced(JULIET, MSN, "romeo@hotmail.com");

        assertThat(store.remove(ROMEO, MSN)).isTrue();

        assertThat(store.find(ROMEO, MSN)).isEmpty();
        assertThat(store.syncedContacts(ROMEO, MSN)).isEmpty();
        assertThat(rowCount("registration_setting")).isEqualTo(1);
        assertThat(rowCount("synced_contact")).isEqualTo(1);
        assertThat(store.find(JULIET, MSN).orElseThrow().settings()).containsEntry("nick", "Juliet");
        assertThat(store.syncedContacts(JULIET, MSN)).containsExactly("romeo@hotmail.com");
    }

    @Test
    void removingAnUnknownRegistrationReturnsFalse() {
        store.save(romeo());

        assertThat(store.remove(JULIET, MSN)).isFalse();
        assertThat(store.remove(ROMEO, "icq")).isFalse();
        assertThat(store.count(MSN)).isEqualTo(1);
    }

    @Test
    void removeLogsTheRemovalWithTheSyncedContacts() {
        assertThat(store.lastRemovalId()).isZero();
        store.save(romeo());
        store.markSynced(ROMEO, MSN, List.of("juliet@hotmail.com", "mercutio@hotmail.com"));
        store.save(Registration.of(JULIET, MSN, "juliet@hotmail.com", "pw"));
        Instant before = Instant.now().minusSeconds(1);

        store.remove(ROMEO, MSN);
        store.remove(JULIET, MSN);

        List<Removal> log = store.removalsAfter(0, 10);
        assertThat(log).extracting(Removal::userJid).containsExactly(ROMEO, JULIET);
        assertThat(log.get(0).network()).isEqualTo(MSN);
        assertThat(log.get(0).syncedContacts()).containsExactly("juliet@hotmail.com", "mercutio@hotmail.com");
        assertThat(log.get(1).syncedContacts()).isEmpty();
        assertThat(log.get(0).removedAt()).isAfter(before).isBeforeOrEqualTo(Instant.now());
        assertThat(log.get(1).id()).isGreaterThan(log.get(0).id());
        assertThat(store.lastRemovalId()).isEqualTo(log.get(1).id());
    }

    @Test
    void removingNothingLogsNothing() {
        store.save(romeo());

        assertThat(store.remove(JULIET, MSN)).isFalse();

        assertThat(store.removalsAfter(0, 10)).isEmpty();
        assertThat(store.lastRemovalId()).isZero();
    }

    @Test
    void removalLogIsReadFromAnIdOnwardsInPages() {
        for (int i = 0; i < 5; i++) {
            String jid = "user" + i + "@example.net";
            store.save(Registration.of(jid, MSN, "user" + i + "@hotmail.com", "pw"));
            store.remove(jid, MSN);
        }
        List<Removal> all = store.removalsAfter(0, 100);
        assertThat(all).hasSize(5);

        assertThat(store.removalsAfter(all.get(1).id(), 2)).extracting(Removal::userJid)
                .containsExactly("user2@example.net", "user3@example.net");
        assertThat(store.removalsAfter(all.get(4).id(), 2)).isEmpty();
        assertThatThrownBy(() -> store.removalsAfter(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removalsMadeThroughAnotherStoreAreSeen() {
        store.save(romeo());
        long seen = store.lastRemovalId();
        try (RegistrationStore other = open(config)) {
            assertThat(other.remove(ROMEO, MSN)).isTrue();
        }

        assertThat(store.removalsAfter(seen, 10)).extracting(Removal::userJid).containsExactly(ROMEO);
        assertThat(store.find(ROMEO, MSN)).isEmpty();
    }

    @Test
    void pruningDropsOldRemovalsAndTheirContacts() throws SQLException {
        store.save(romeo());
        store.markSynced(ROMEO, MSN, "juliet@hotmail.com");
        store.remove(ROMEO, MSN);
        store.save(Registration.of(JULIET, MSN, "juliet@hotmail.com", "pw"));
        store.remove(JULIET, MSN);
        try (Connection c = rawConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE registration_removal SET removed_at = ? WHERE user_jid = ?")) {
            ps.setObject(1, Instant.now().minus(Duration.ofDays(2)).atOffset(ZoneOffset.UTC));
            ps.setString(2, ROMEO);
            assertThat(ps.executeUpdate()).isOne();
        }

        assertThat(store.pruneRemovals(Instant.now().minus(Duration.ofDays(1)))).isOne();

        assertThat(store.removalsAfter(0, 10)).extracting(Removal::userJid).containsExactly(JULIET);
        assertThat(rowCount("registration_removal_contact")).isZero();
    }

    @Test
    void syncedContactsAreMarkedAndUnmarked() {
        store.save(romeo());

        assertThat(store.markSynced(ROMEO, MSN, "juliet@hotmail.com")).isTrue();
        assertThat(store.markSynced(ROMEO, MSN, "mercutio@hotmail.com")).isTrue();
        assertThat(store.markSynced(ROMEO, MSN, "juliet@hotmail.com")).isFalse();
        assertThat(store.syncedContacts(ROMEO, MSN)).containsExactly("juliet@hotmail.com", "mercutio@hotmail.com");

        assertThat(store.unmarkSynced(ROMEO, MSN, "juliet@hotmail.com")).isTrue();
        assertThat(store.unmarkSynced(ROMEO, MSN, "juliet@hotmail.com")).isFalse();
        assertThat(store.syncedContacts(ROMEO, MSN)).containsExactly("mercutio@hotmail.com");
        assertThat(store.syncedContacts(JULIET, MSN)).isEmpty();
    }

    @Test
    void markingManyTellsWhichWereNotMarkedBefore() {
        store.save(romeo());
        store.markSynced(ROMEO, MSN, "juliet@hotmail.com");

        assertThat(store.markNewlySynced(ROMEO, MSN, List.of("tybalt@hotmail.com", "juliet@hotmail.com",
                "mercutio@hotmail.com"))).containsExactly("tybalt@hotmail.com", "mercutio@hotmail.com");
        assertThat(store.markNewlySynced(ROMEO, MSN, List.of("juliet@hotmail.com", "tybalt@hotmail.com"))).isEmpty();
        assertThat(store.markNewlySynced(JULIET, MSN, List.of("romeo@hotmail.com"))).as("not registered").isEmpty();
        assertThat(store.syncedContacts(ROMEO, MSN))
                .containsExactlyInAnyOrder("juliet@hotmail.com", "tybalt@hotmail.com", "mercutio@hotmail.com");
    }

    @Test
    void manyContactsAreMarkedAtOnceSkippingThoseAlreadyMarked() {
        store.save(romeo());
        store.markSynced(ROMEO, MSN, "juliet@hotmail.com");

        int marked = store.markSynced(ROMEO, MSN,
                List.of("juliet@hotmail.com", "mercutio@hotmail.com", "tybalt@hotmail.com", "mercutio@hotmail.com"));

        assertThat(marked).isEqualTo(2);
        assertThat(store.syncedContacts(ROMEO, MSN))
                .containsExactly("juliet@hotmail.com", "mercutio@hotmail.com", "tybalt@hotmail.com");
        assertThat(store.markSynced(ROMEO, MSN, List.of("tybalt@hotmail.com"))).isZero();
        assertThat(store.markSynced(ROMEO, MSN, List.of())).isZero();
    }

    @Test
    void markingManyForAnUnregisteredUserStoresNothing() {
        assertThat(store.markSynced(JULIET, MSN, List.of("romeo@hotmail.com"))).isZero();
        assertThat(store.syncedContacts(JULIET, MSN)).isEmpty();
    }

    @Test
    void markingManyChecksEveryContactId() {
        store.save(romeo());
        assertThatThrownBy(() -> store.markSynced(ROMEO, MSN, List.of("ok@hotmail.com", "x".repeat(10_000))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.syncedContacts(ROMEO, MSN)).isEmpty();
    }

    @Test
    void markingForAnUnregisteredUserStoresNothing() throws SQLException {
        assertThat(store.markSynced(ROMEO, MSN, "juliet@hotmail.com")).isFalse();
        assertThat(store.unmarkSynced(ROMEO, MSN, "juliet@hotmail.com")).isFalse();
        assertThat(rowCount("synced_contact")).isZero();
    }

    @Test
    void reRegisteringKeepsSyncedContacts() {
        store.save(romeo());
        store.markSynced(ROMEO, MSN, "juliet@hotmail.com");

        store.save(romeo().withLegacyCredentials("romeo@hotmail.com", "changed"));

        assertThat(store.syncedContacts(ROMEO, MSN)).containsExactly("juliet@hotmail.com");
    }

    @Test
    void storedPasswordIsSealedNotPlaintext() throws SQLException {
        store.save(romeo());
        store.save(Registration.of(JULIET, MSN, "juliet@hotmail.com", PASSWORD));

        List<String> raw = new ArrayList<>();
        try (Connection c = rawConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT legacy_password FROM registration")) {
            while (rs.next()) {
                raw.add(rs.getString(1));
            }
        }
        assertThat(raw).hasSize(2).allSatisfy(column -> assertThat(column)
                .startsWith("v1:")
                .doesNotContain(PASSWORD)
                .doesNotContain(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8))));
        assertThat(raw.get(0)).isNotEqualTo(raw.get(1));
    }

    @Test
    void sealedPasswordCopiedToAnotherUserDoesNotOpen() throws SQLException {
        store.save(romeo());
        store.save(Registration.of(JULIET, MSN, "juliet@hotmail.com", "juliet-pw"));
        try (Connection c = rawConnection(); PreparedStatement ps = c.prepareStatement("UPDATE registration "
                + "SET legacy_password = (SELECT legacy_password FROM registration WHERE user_jid = ?) "
                + "WHERE user_jid = ?")) {
            ps.setString(1, ROMEO);
            ps.setString(2, JULIET);
            assertThat(ps.executeUpdate()).isOne();
        }

        assertThatThrownBy(() -> store.find(JULIET, MSN))
                .isInstanceOf(RegistrationStoreException.class)
                .hasMessageContaining(JULIET)
                .hasMessageNotContaining(PASSWORD);
        assertThat(store.all(MSN)).extracting(Registration::userJid).containsExactly(ROMEO);
    }

    @Test
    void allListsOneNetworkOrderedByUser() {
        store.save(Registration.of(JULIET, MSN, "juliet@hotmail.com", "pw").withSettings(Map.of("x", "1", "y", "2")));
        store.save(romeo());
        store.save(Registration.of("benvolio@example.net", MSN, "benvolio@hotmail.com", "pw"));
        store.save(Registration.of(ROMEO, "other", "romeo", "pw"));

        assertThat(store.all(MSN)).extracting(Registration::userJid)
                .containsExactly("benvolio@example.net", JULIET, ROMEO);
        assertThat(store.all(MSN).get(1).settings()).containsOnlyKeys("x", "y");
        assertThat(store.count(MSN)).isEqualTo(3);
        assertThat(store.count("other")).isEqualTo(1);
        assertThat(store.all("none")).isEmpty();
        assertThat(store.count("none")).isZero();
    }

    @Test
    void userJidsArePagedInOrderForOneNetwork() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String jid = "user" + i + "@example.net";
            users.add(jid);
            store.save(Registration.of(jid, MSN, "user" + i + "@hotmail.com", "pw"));
        }
        store.save(Registration.of("other@example.net", "other", "other", "pw"));

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String after = null;
        List<String> page;
        do {
            page = store.userJids(MSN, after, 3);
            pageSizes.add(page.size());
            seen.addAll(page);
            after = page.isEmpty() ? after : page.get(page.size() - 1);
        } while (page.size() == 3);

        assertThat(seen).containsExactlyElementsOf(users);
        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(store.userJids(MSN, "user6@example.net", 3)).isEmpty();
        assertThat(store.userJids("none", null, 3)).isEmpty();
        assertThatThrownBy(() -> store.userJids(MSN, null, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void registrationIsFoundByLegacyAccount() {
        store.save(romeo().withSetting("nick", "Romeo"));

        assertThat(store.findByLegacyAccount(MSN, "romeo@hotmail.com")).contains(store.find(ROMEO, MSN).orElseThrow());
        assertThat(store.findByLegacyAccount(MSN, "juliet@hotmail.com")).isEmpty();
        assertThat(store.findByLegacyAccount("other", "romeo@hotmail.com")).isEmpty();
    }

    @Test
    void legacyAccountOfAnotherUserIsRefused() {
        store.save(romeo());

        assertThatThrownBy(() -> store.save(Registration.of(JULIET, MSN, "romeo@hotmail.com", "pw")))
                .isInstanceOfSatisfying(LegacyAccountInUseException.class, e -> {
                    assertThat(e.otherUserJid()).isEqualTo(ROMEO);
                    assertThat(e.legacyAccount()).isEqualTo("romeo@hotmail.com");
                    assertThat(e.getMessage()).doesNotContain(ROMEO);
                });
        assertThat(store.find(JULIET, MSN)).isEmpty();
        // The same account on another network, and the same user saving again, are fine.
        store.save(Registration.of(JULIET, "other", "romeo@hotmail.com", "pw"));
        store.save(romeo());
        assertThat(store.count(MSN)).isOne();
    }

    @Test
    void dataSurvivesReopening() {
        Registration romeo = romeo().withSetting("nick", "Romeo");
        store.save(romeo);
        store.markSynced(ROMEO, MSN, "juliet@hotmail.com");

        reopen();

        assertThat(store.find(ROMEO, MSN)).contains(romeo);
        assertThat(store.syncedContacts(ROMEO, MSN)).containsExactly("juliet@hotmail.com");
    }

    @Test
    void theGroupsSentForASyncedContactAreKeptAndReplaced() {
        store.save(romeo());
        store.markSynced(ROMEO, MSN, "juliet@hotmail.com");

        store.recordSentGroups(ROMEO, MSN, "juliet@hotmail.com", Set.of("Friends", "Work"));
        store.recordSentGroups(ROMEO, MSN, "nobody@hotmail.com", Set.of("Friends")); // not synced: nothing
        assertThat(store.sentGroups(ROMEO, MSN)).containsOnlyKeys("juliet@hotmail.com");
        assertThat(store.sentGroups(ROMEO, MSN).get("juliet@hotmail.com")).containsExactlyInAnyOrder("Friends", "Work");

        store.recordSentGroups(ROMEO, MSN, "juliet@hotmail.com", Set.of());
        assertThat(store.sentGroups(ROMEO, MSN).get("juliet@hotmail.com")).isEmpty();
        store.recordSentGroups(ROMEO, MSN, "juliet@hotmail.com", Set.of("a\nb")); // not recordable: kept as it was
        assertThat(store.sentGroups(ROMEO, MSN).get("juliet@hotmail.com")).isEmpty();
    }

    @Test
    void migrationRunsOnceAndRestartsApplyNothing() throws SQLException {
        store.save(romeo());
        reopen();
        reopen();

        assertThat(((JdbcRegistrationStore) store).schemaVersion()).isEqualTo("4");
        try (Connection c = rawConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\", \"success\" FROM \"" + SchemaMigrator.HISTORY_TABLE
                     + "\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            List<String> applied = new ArrayList<>();
            while (rs.next()) {
                assertThat(rs.getBoolean(2)).isTrue();
                applied.add(rs.getString(1));
            }
            assertThat(applied).containsExactly("1", "2", "3", "4");
        }
        assertThat(rowCount("store_key_check")).isOne();
        assertThat(store.find(ROMEO, MSN)).isPresent();
    }

    @Test
    void keyFileIsCreatedOnFirstStartAndReusedAfterwards() throws Exception {
        Path keyFile = config.keyFile();
        assertThat(keyFile).exists();
        assertThat(Files.getPosixFilePermissions(keyFile))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        byte[] key = Files.readAllBytes(keyFile);
        store.save(romeo());

        reopen();

        assertThat(Files.readAllBytes(keyFile)).isEqualTo(key);
        assertThat(store.find(ROMEO, MSN).orElseThrow().legacyPassword()).isEqualTo(PASSWORD);
    }

    @Test
    void wrongKeyIsRefusedWhenOpening() {
        store.save(romeo());
        store.close();
        String otherKey = Base64.getEncoder().encodeToString(SecretBox.newKey());
        StoreConfig withEnvKey = config.withKeyEnvVar("IMBRIDGE_STORE_KEY");

        assertThatThrownBy(() -> RegistrationStores.open(withEnvKey, name -> otherKey))
                .isInstanceOf(RegistrationStoreException.class)
                .hasMessageContaining("environment variable IMBRIDGE_STORE_KEY")
                .hasMessageContaining("not the key this registration store was created with")
                .hasMessageNotContaining(otherKey);

        store = open(config); // the key file still works
        assertThat(store.find(ROMEO, MSN).orElseThrow().legacyPassword()).isEqualTo(PASSWORD);
    }

    @Test
    void keyFromEnvironmentVariableIsUsedInsteadOfTheKeyFile() {
        store.close();
        StoreConfig envConfig = newDatabaseConfig(tempDir.resolve("unused/never.key")).withKeyEnvVar("STORE_KEY");
        String key = Base64.getEncoder().encodeToString(SecretBox.newKey());
        UnaryOperator<String> environment = name -> name.equals("STORE_KEY") ? key : null;

        store = RegistrationStores.open(envConfig, environment);
        store.save(romeo());
        store.close();
        assertThat(tempDir.resolve("unused/never.key")).doesNotExist();

        store = RegistrationStores.open(envConfig, environment);
        assertThat(store.find(ROMEO, MSN).orElseThrow().legacyPassword()).isEqualTo(PASSWORD);
        store.close();

        // Without the variable the key file is created and used, and it is not the store's key.
        assertThatThrownBy(() -> RegistrationStores.open(envConfig, NO_ENVIRONMENT))
                .isInstanceOf(RegistrationStoreException.class)
                .hasMessageContaining("key file");
        store = RegistrationStores.open(envConfig, environment);
    }

    @Test
    void concurrentMarksOfTheSameContactsReportEachContactToExactlyOneCaller() throws Exception {
        store.save(romeo());
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 10; round++) {
                List<String> contacts = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    contacts.add("r" + round + "c" + i + "@hotmail.com");
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Set<String>>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        go.await();
                        return store.markNewlySynced(ROMEO, MSN, contacts);
                    }));
                }
                go.countDown();
                List<String> reported = new ArrayList<>();
                for (Future<Set<String>> future : futures) {
                    reported.addAll(future.get(60, TimeUnit.SECONDS));
                }
                assertThat(reported).as("round %d", round).containsExactlyInAnyOrderElementsOf(contacts);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.syncedContacts(ROMEO, MSN)).hasSize(80);
    }

    @Test
    void concurrentSavesFromSeveralThreadsAreConsistent() throws Exception {
        int threads = 6;
        int rounds = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int round = 0; round < rounds; round++) {
                        String own = "user" + thread + "@example.net";
                        store.save(Registration.of(own, MSN, "user" + thread + "@hotmail.com", "pw" + round)
                                .withSetting("round", Integer.toString(round)));
                        String value = thread + "/" + round;
                        store.save(Registration.of(ROMEO, MSN, "romeo@hotmail.com", value)
                                .withSettings(Map.of("a", value, "b", value)));
                        store.markSynced(ROMEO, MSN, "contact" + (round % 5) + "@hotmail.com");
                        Registration shared = store.find(ROMEO, MSN).orElseThrow();
                        assertThat(shared.settings().get("a")).isEqualTo(shared.settings().get("b"));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.count(MSN)).isEqualTo(threads + 1);
        for (int t = 0; t < threads; t++) {
            Registration own = store.find("user" + t + "@example.net", MSN).orElseThrow();
            assertThat(own.legacyPassword()).isEqualTo("pw" + (rounds - 1));
            assertThat(own.settings()).containsEntry("round", Integer.toString(rounds - 1));
        }
        Registration shared = store.find(ROMEO, MSN).orElseThrow();
        assertThat(shared.settings()).hasSize(2).containsEntry("a", shared.legacyPassword())
                .containsEntry("b", shared.legacyPassword());
        assertThat(store.syncedContacts(ROMEO, MSN)).hasSize(5);
    }

    @Test
    void closedStoreRefusesCalls() {
        store.close();
        store.close();

        assertThatThrownBy(() -> store.find(ROMEO, MSN)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.save(romeo())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void invalidArgumentsAreRefusedBeforeTheDatabase() {
        assertThatThrownBy(() -> store.find("romeo@example.net/phone", MSN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bare JID");
        assertThatThrownBy(() -> store.count("MSN")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("network id");
        assertThatThrownBy(() -> store.markSynced(ROMEO, MSN, " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contact id");
    }

    long rowCount(String table) throws SQLException {
        try (Connection c = rawConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
