package org.imbridge.core.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
