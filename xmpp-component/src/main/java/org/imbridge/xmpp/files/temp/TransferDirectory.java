package org.imbridge.xmpp.files.temp;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The directory files in transit live in: mode 0700, each file created 0600, so that other local
 * users read none of what users send each other. A file lives here only during its transfer; what a
 * previous run left (a crash mid-transfer) is deleted by {@link #cleanLeftovers()} at start-up.
 * Needs a POSIX file system.
 */
public final class TransferDirectory {

    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path directory;

    private TransferDirectory(Path directory) {
        this.directory = directory;
    }

    /**
     * Opens the directory, creating it (and its parents) if needed, and sets it to 0700.
     *
     * @throws IOException if it cannot be created, or {@code directory} is not a directory (a symbolic link
     *                     is refused: another user could have put it there)
     */
    public static TransferDirectory open(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath().normalize();
        if (Files.notExists(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (dir.getParent() != null) {
                Files.createDirectories(dir.getParent());
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // created meanwhile: checked below like any existing one
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(dir + " is not a directory");
        }
        // createDirectory's mode goes through the umask; an existing directory may be wider
        Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
        return new TransferDirectory(dir);
    }

    /** @return the directory */
    public Path path() {
        return directory;
    }

    /**
     * Creates an empty file, mode 0600, with a random name.
     *
     * @param suffix the name's end, e.g. ".part"; null for ".tmp"
     */
    public Path newFile(String suffix) throws IOException {
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(FILE_MODE);
        return Files.createTempFile(directory, "transfer-", suffix, mode);
    }

    /**
     * Deletes everything in the directory: call at start-up, before any transfer.
     *
     * @return how many files (and directories) were deleted
     */
    public int cleanLeftovers() throws IOException {
        int[] deleted = {0};
        try (Stream<Path> children = Files.list(directory)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                Files.walkFileTree(child, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.deleteIfExists(file);
                        deleted[0]++;
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                        if (failure != null) {
                            throw failure;
                        }
                        Files.deleteIfExists(dir);
                        deleted[0]++;
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
        }
        return deleted[0];
    }

    /** @return how many entries the directory holds (0 when no transfer left anything) */
    public long count() throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            return children.count();
        }
    }
}
