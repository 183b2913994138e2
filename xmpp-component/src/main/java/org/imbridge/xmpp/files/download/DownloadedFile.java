package org.imbridge.xmpp.files.download;

import java.nio.file.Path;

/**
 * A file {@link SafeDownloader} fetched.
 *
 * @param path     where it is
 * @param fileName the name from the URL's path, sanitised ({@link FileNames#fromUrl})
 * @param size     in bytes
 */
public record DownloadedFile(Path path, String fileName, long size) {
}
