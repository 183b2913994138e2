package org.imbridge.core.files;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file the user sends a contact, already on the transport's disk.
 *
 * @param fileName the name the contact sees
 * @param size     its size in bytes
 * @param source   where it is; the caller deletes it once the transfer has ended
 */
public record OutgoingFile(String fileName, long size, Path source) {

    public OutgoingFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(source, "source");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
