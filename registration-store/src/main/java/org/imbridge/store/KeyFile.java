package org.imbridge.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encryption key kept in a file: base64 of 32 random bytes and a newline, mode {@code 0600}.
 *
 * <p>On first start the file does not exist and is created: the key is written to a temporary file
 * (mode 0600 from its creation) in the same directory, flushed, then hard-linked to the final name,
 * which fails if another process created the key first; the loser reads the winner's key. So the key
 * file never exists half-written or with a looser mode. A missing directory is created with mode 0700.
 *
 * <p>An existing key file that the group or others may access in any way is <strong>refused</strong>
 * (as ssh refuses a private key), with a message saying to {@code chmod 600} it: a warning would be
 * missed in the logs, and the key is what protects every stored password. On file systems without
 * POSIX permissions there is nothing to check.
 */
public final class KeyFile {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFile.class);
    private static final int MAX_FILE_BYTES = 1024;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> NOT_OWNER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private KeyFile() {
    }

    /**
     * Loads the key from the file, creating the file with a new random key if it does not exist.
     *
     * @param file the key file
     * @return a box with the file's key
     * @throws SecretBoxException when the file cannot be read or created, is accessible by group or
     *                            others, or does not hold a key
     */
    public static SecretBox loadOrCreate(Path file) {
        Path keyFile = file.toAbsolutePath();
        if (!Files.exists(keyFile)) {
            create(keyFile);
        }
        return load(keyFile);
    }

    private static SecretBox load(Path keyFile) {
        try {
            if (!Files.isRegularFile(keyFile)) {
                throw new SecretBoxException("key file " + keyFile + " is not a regular file");
            }
            checkOwnerOnly(keyFile);
            if (Files.size(keyFile) > MAX_FILE_BYTES) {
                throw new SecretBoxException("key file " + keyFile + " is too large to hold a key");
            }
            byte[] content = Files.readAllBytes(keyFile);
            try {
                return SecretBox.fromBase64(new String(content, StandardCharsets.US_ASCII), "key file " + keyFile);
            } finally {
                Arrays.fill(content, (byte) 0);
            }
        } catch (IOException e) {
            throw new SecretBoxException("cannot read key file " + keyFile + ": " + e, e);
        }
    }

    private static void checkOwnerOnly(Path keyFile) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(keyFile, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (permissions.stream().anyMatch(NOT_OWNER::contains)) {
            throw new SecretBoxException("key file " + keyFile + " has mode "
                    + PosixFilePermissions.toString(permissions)
                    + " but must be accessible by its owner only; run: chmod 600 " + keyFile);
        }
    }

    private static void create(Path keyFile) {
        Path dir = keyFile.getParent();
        boolean posix = Files.getFileAttributeView(dir.getRoot(), PosixFileAttributeView.class) != null;
        Path tmp = null;
        byte[] key = SecretBox.newKey();
        byte[] content = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, attributes(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            tmp = posix
                    ? Files.createTempFile(dir, ".key-", ".tmp", attributes(OWNER_ONLY))
                    : Files.createTempFile(dir, ".key-", ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            publish(tmp, keyFile);
        } catch (IOException e) {
            throw new SecretBoxException("cannot create key file " + keyFile + ": " + e, e);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(content, (byte) 0);
            deleteQuietly(tmp);
        }
    }

    /** Makes the complete temporary file visible under the final name, unless someone else did first. */
    private static void publish(Path tmp, Path keyFile) throws IOException {
        try {
            Files.createLink(keyFile, tmp);
            LOG.info("Created a new encryption key file {} (mode 0600); back it up: without it the stored "
                    + "legacy passwords cannot be read", keyFile);
        } catch (FileAlreadyExistsException e) {
            LOG.info("Key file {} was created concurrently; using that one", keyFile);
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (e instanceof FileSystemException && Files.exists(keyFile)) {
                return;
            }
            // No hard links here: a plain move, which also refuses to replace an existing file.
            Files.move(tmp, keyFile);
            LOG.info("Created a new encryption key file {}", keyFile);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attributes(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            LOG.warn("Could not delete temporary key file {}: {}", tmp, e.toString());
        }
    }
}
