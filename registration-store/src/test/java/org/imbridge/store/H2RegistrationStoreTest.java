package org.imbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.registration.RegistrationStoreException;
import org.junit.jupiter.api.Test;

/** The store contract on the default database: an H2 file in a temp dir. */
class H2RegistrationStoreTest extends RegistrationStoreContract {

    private int databases;

    @Override
    StoreConfig newDatabaseConfig(Path keyFile) {
        return StoreConfig.h2File(tempDir.resolve("db" + ++databases + "/registrations"), keyFile);
    }

    @Test
    void databaseFileIsCreatedAtTheConfiguredPath() {
        store.save(romeo());

        assertThat(tempDir.resolve("db1/registrations.mv.db")).isRegularFile();
    }

    @Test
    void theDatabaseFilesAre0600AndTheDirectoryWeCreate0700() throws Exception {
        store.save(romeo());

        assertThat(Files.getPosixFilePermissions(tempDir.resolve("db1"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.list(tempDir.resolve("db1"))) {
            assertThat(files.toList()).isNotEmpty().allSatisfy(f -> assertThat(Files.getPosixFilePermissions(f))
                    .as(f.toString()).isEqualTo(PosixFilePermissions.fromString("rw-------")));
        }
    }

    @Test
    void anExistingDirectoryTheAdminChoseKeepsItsModeButTheFilesAre0600() throws Exception {
        Path shared = Files.createDirectories(tempDir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-x---"));
        try (RegistrationStore other = open(StoreConfig.h2File(shared.resolve("registrations"), tempDir.resolve("k2.key")))) {
            other.save(romeo());
        }

        assertThat(Files.getPosixFilePermissions(shared)).isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(Files.getPosixFilePermissions(shared.resolve("registrations.mv.db")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void secondStoreOnTheSameFileInOneProcessSharesTheData() {
        // Within one JVM H2 shares the open database; another process would be refused by the file lock.
        // What we can check here: a second store on the same file works alongside and sees the same data.
        store.save(romeo());
        try (RegistrationStore second = open(config)) {
            assertThat(second.find(ROMEO, MSN)).isPresent();
        }
        assertThat(store.find(ROMEO, MSN)).isPresent();
    }

    @Test
    void databasePathUnderAFileGivesAClearError() {
        Path notADirectory = tempDir.resolve("keys/store.key"); // a file exists there
        StoreConfig bad = StoreConfig.h2File(notADirectory.resolve("db"), tempDir.resolve("other.key"));

        assertThatThrownBy(() -> open(bad))
                .isInstanceOf(RegistrationStoreException.class)
                .hasMessageContaining("cannot connect to the registration database");
    }
}
