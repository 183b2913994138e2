package org.imbridge.xmpp.files.share;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link FileShareServer} runs.
 *
 * @param bindAddress   the address it listens on, e.g. 127.0.0.1 behind a reverse proxy
 * @param port          the port, 0 for any free one
 * @param baseUrl       the public URL clients reach it at (e.g. https://files.example.org/imbridge);
 *                      null for http://bindAddress:port, as bound
 * @param maxFiles      files held at most
 * @param maxTotalBytes bytes held at most, all files together
 * @param threads       threads serving requests
 * @param sweepInterval how often expired files are deleted
 */
public record FileShareConfig(String bindAddress, int port, URI baseUrl, int maxFiles, long maxTotalBytes,
                              int threads, Duration sweepInterval) {

    public FileShareConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (baseUrl != null && (baseUrl.getScheme() == null || baseUrl.getHost() == null
                || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null)) {
            throw new IllegalArgumentException("baseUrl must be an absolute URL without query or fragment");
        }
        if (maxFiles < 1 || maxTotalBytes < 1 || threads < 1) {
            throw new IllegalArgumentException("maxFiles, maxTotalBytes and threads must be positive");
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("sweepInterval must be positive");
        }
    }

    /** A server on 127.0.0.1 with a free port and modest caps (tests, a demo). */
    public static FileShareConfig local(int maxFiles, long maxTotalBytes) {
        return new FileShareConfig("127.0.0.1", 0, null, maxFiles, maxTotalBytes, 2, Duration.ofMinutes(1));
    }
}
