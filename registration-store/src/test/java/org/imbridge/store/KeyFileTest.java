package org.imbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

    @TempDir
    Path dir;

    @Test
    void firstStartCreatesAKeyFileReadableByItsOwnerOnly() throws Exception {
        Path keyFile = dir.resolve("secrets/store.key");

        KeyFile.loadOrCreate(keyFile);

        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(keyFile.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        String content = Files.readString(keyFile, StandardCharsets.US_ASCII);
        assertThat(content).endsWith("\n");
        assertThat(Base64.getDecoder().decode(content.strip())).hasSize(32);
        try (var files = Files.list(keyFile.getParent())) {
            assertThat(files).containsExactly(keyFile); // no temporary file left behind
        }
    }

    @Test
    void laterStartsReuseTheKey() throws Exception {
        Path keyFile = dir.resolve("store.key");
        String sealed = KeyFile.loadOrCreate(keyFile).seal("secret", "ctx");
        byte[] content = Files.readAllBytes(keyFile);

        SecretBox again = KeyFile.loadOrCreate(keyFile);

        assertThat(again.open(sealed, "ctx")).isEqualTo("secret");
        assertThat(Files.readAllBytes(keyFile)).isEqualTo(content);
    }

    @Test
    void keyFileAccessibleByOthersIsRefused() throws Exception {
        Path keyFile = dir.resolve("store.key");
        KeyFile.loadOrCreate(keyFile);
        String key = Files.readString(keyFile).strip();
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> KeyFile.loadOrCreate(keyFile))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("rw-r--r--")
                .hasMessageContaining("chmod 600 " + keyFile)
                .hasMessageNotContaining(key);

        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw----r--"));
        assertThatThrownBy(() -> KeyFile.loadOrCreate(keyFile)).isInstanceOf(SecretBoxException.class);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("r--------"));
        assertThat(KeyFile.loadOrCreate(keyFile)).isNotNull();
    }

    @Test
    void keyFileWithoutAKeyIsRefusedWithoutQuotingIt() throws Exception {
        Path keyFile = dir.resolve("store.key");
        Files.writeString(keyFile, "this is not a key\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> KeyFile.loadOrCreate(keyFile))
                .isInstanceOf(SecretBoxException.class)
                .hasMessage("key file " + keyFile + " does not hold a base64-encoded key");

        Files.writeString(keyFile, Base64.getEncoder().encodeToString(new byte[24]));
        assertThatThrownBy(() -> KeyFile.loadOrCreate(keyFile))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("holds a key of 24 bytes");
    }

    @Test
    void directoryInPlaceOfTheKeyFileIsRefused() throws Exception {
        Path keyFile = Files.createDirectory(dir.resolve("store.key"));

        assertThatThrownBy(() -> KeyFile.loadOrCreate(keyFile))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void concurrentFirstStartsAgreeOnOneKey() throws Exception {
        Path keyFile = dir.resolve("store.key");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SecretBox>> boxes = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                boxes.add(pool.submit(() -> {
                    go.await();
                    return KeyFile.loadOrCreate(keyFile);
                }));
            }
            go.countDown();
            String sealed = boxes.get(0).get(10, TimeUnit.SECONDS).seal("secret", "ctx");
            for (Future<SecretBox> box : boxes) {
                assertThat(box.get(10, TimeUnit.SECONDS).open(sealed, "ctx")).isEqualTo("secret");
            }
        } finally {
            pool.shutdownNow();
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(keyFile);
        }
    }
}
