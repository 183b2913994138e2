package org.imbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreConfigTest {

    private static final Path KEY = Path.of("/var/lib/imbridge/store.key");

    @Test
    void h2FileBuildsAnAbsoluteFileUrl() {
        StoreConfig config = StoreConfig.h2File(Path.of("data/registrations.mv.db"), KEY);

        String expectedPath = Path.of("data/registrations").toAbsolutePath().normalize().toString();
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:h2:file:" + expectedPath + ";DB_CLOSE_ON_EXIT=FALSE");
        assertThat(config.poolSize()).isEqualTo(StoreConfig.DEFAULT_POOL_SIZE);
    }

    @Test
    void h2PathCannotSmuggleSettings() {
        assertThatThrownBy(() -> StoreConfig.h2File(Path.of("/tmp/db;INIT=RUNSCRIPT FROM 'x'"), KEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("';'");
    }

    @Test
    void onlyH2AndPostgresqlUrlsAreAccepted() {
        assertThat(StoreConfig.jdbc("jdbc:postgresql://db:5432/imbridge", "u", "p", KEY).jdbcUrl())
                .isEqualTo("jdbc:postgresql://db:5432/imbridge");
        assertThatThrownBy(() -> StoreConfig.jdbc("jdbc:mysql://db/x?password=hunter2", "u", "p", KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported JDBC URL")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void passwordsNeverAppearInToStringOrLoggableUrl() {
        StoreConfig config = StoreConfig.jdbc("jdbc:postgresql://db/imbridge?user=u&password=hunter2&ssl=true", "u",
                "dbsecret", KEY);

        assertThat(config.toString()).doesNotContain("hunter2", "dbsecret").contains("password=***");
        assertThat(config.loggableUrl()).isEqualTo("jdbc:postgresql://db/imbridge?user=u&password=***&ssl=true");
    }

    @Test
    void aKeySourceIsRequired() {
        assertThatThrownBy(() -> StoreConfig.jdbc("jdbc:postgresql://db/x", "u", "p", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no encryption key");
        assertThat(StoreConfig.jdbc("jdbc:postgresql://db/x", "u", "p", KEY).withKeyEnvVar("IMBRIDGE_KEY").keyEnvVar())
                .isEqualTo("IMBRIDGE_KEY");
        assertThatThrownBy(() -> StoreConfig.h2File(Path.of("db"), KEY).withKeyEnvVar("BAD-NAME"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BAD-NAME");
    }

    @Test
    void poolSizeIsBounded() {
        StoreConfig config = StoreConfig.h2File(Path.of("db"), KEY);

        assertThat(config.withPoolSize(8).poolSize()).isEqualTo(8);
        assertThatThrownBy(() -> config.withPoolSize(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool size");
        assertThatThrownBy(() -> config.withPoolSize(65)).isInstanceOf(IllegalArgumentException.class);
    }
}
