package org.imbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Base64;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.registration.RegistrationStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class RegistrationStoresTest {

    @TempDir
    Path dir;

    @Test
    void inMemoryStoresWorkAndAreIndependent() {
        try (RegistrationStore first = RegistrationStores.inMemory();
             RegistrationStore second = RegistrationStores.inMemory()) {
            first.save(Registration.of("romeo@example.net", "msn", "romeo@hotmail.com", "pw"));

            assertThat(first.find("romeo@example.net", "msn")).isPresent();
            assertThat(second.count("msn")).isZero();
        }
    }

    @Test
    void unreachableDatabaseGivesAClearErrorWithoutThePassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/imbridge?connectTimeout=2";
        StoreConfig config = StoreConfig.jdbc(url, "imbridge", "dbsecret", dir.resolve("store.key"));

        assertThatThrownBy(() -> RegistrationStores.open(config, name -> null))
                .isInstanceOf(RegistrationStoreException.class)
                .hasMessageContaining("cannot connect to the registration database jdbc:postgresql://127.0.0.1:"
                        + closedPort)
                .hasMessageNotContaining("dbsecret");
    }

    @Test
    void environmentVariableAloneMustBeSet() {
        StoreConfig config = new StoreConfig("jdbc:h2:mem:unused", null, null, null, "IMBRIDGE_STORE_KEY",
                StoreConfig.DEFAULT_POOL_SIZE);

        assertThatThrownBy(() -> RegistrationStores.open(config, name -> null))
                .isInstanceOf(SecretBoxException.class)
                .hasMessage("environment variable IMBRIDGE_STORE_KEY holds no encryption key and no key file is "
                        + "configured");
    }

    @Test
    void nothingSecretIsEverLogged() {
        String legacyPassword = "legacy-hunter2";
        String databasePassword = "db-hunter3";
        String key = Base64.getEncoder().encodeToString(SecretBox.newKey());
        String otherKey = Base64.getEncoder().encodeToString(SecretBox.newKey());
        StoreConfig config = new StoreConfig(StoreConfig.h2File(dir.resolve("db"), dir.resolve("k")).jdbcUrl(),
                "sa", databasePassword, null, "KEY", StoreConfig.DEFAULT_POOL_SIZE);

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.DEBUG);
        try {
            try (RegistrationStore store = RegistrationStores.open(config, name -> key)) {
                store.save(Registration.of("romeo@example.net", "msn", "romeo@hotmail.com", legacyPassword));
                store.save(Registration.of("romeo@example.net", "msn", "romeo@hotmail.com", legacyPassword + "!"));
                assertThat(store.all("msn")).hasSize(1);
                assertThat(store.find("romeo@example.net", "msn").orElseThrow().toString())
                        .doesNotContain(legacyPassword);
            }
            assertThatThrownBy(() -> RegistrationStores.open(config, name -> otherKey))
                    .isInstanceOf(RegistrationStoreException.class)
                    .satisfies(e -> assertThat(ThrowableProxyUtil.asString(
                            new ThrowableProxy(e)))
                            .doesNotContain(legacyPassword, databasePassword, key, otherKey));
        } finally {
            root.setLevel(level);
            root.detachAppender(appender);
        }

        assertThat(appender.list).isNotEmpty().allSatisfy(event -> {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(text).doesNotContain(legacyPassword, databasePassword, key, otherKey);
        });
    }
}
