package org.imbridge.xmpp.files.share;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imbridge.xmpp.files.download.FileNames;

/**
 * The files a share server holds, by token, with caps on their number and total size. A file taken
 * in is owned from then on: it is deleted when it expires, is withdrawn, or at {@link #clear()}.
 * Thread-safe.
 */
final class SharedFiles {

    /** 18 random bytes: 144 bits, 24 URL-safe base64 characters. */
    private static final int TOKEN_BYTES = 18;

    /** One file held. */
    record Shared(String token, Path file, String fileName, long size, Instant expires) {
    }

    private final Clock clock;
    private final int maxFiles;
    private final long maxTotalBytes;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Shared> byToken = new HashMap<>();
    private long totalBytes;

    SharedFiles(Clock clock, int maxFiles, long maxTotalBytes) {
        this.clock = clock;
        this.maxFiles = maxFiles;
        this.maxTotalBytes = maxTotalBytes;
    }

    /** @return the file as held, with its token */
    Shared add(Path file, String fileName, Duration expiry) throws FileShareException {
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("expiry must be positive");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileShareException("only regular files are shared");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new FileShareException("the file to share cannot be read", e);
        }
        String name = FileNames.sanitised(fileName == null ? "" : fileName);
        sweep();
        synchronized (this) {
            if (byToken.size() >= maxFiles) {
                throw new FileShareException("the file share holds " + maxFiles + " files already");
            }
            if (size > maxTotalBytes - totalBytes) {
                throw new FileShareException("the file share has no room for " + size + " more bytes (limit "
                        + maxTotalBytes + ")");
            }
            String token;
            do {
                token = newToken();
            } while (byToken.containsKey(token));
            Shared shared = new Shared(token, file, name, size, clock.instant().plus(expiry));
            byToken.put(token, shared);
            totalBytes += size;
            return shared;
        }
    }

    /** @return the file with that token, unless unknown or expired */
    synchronized Optional<Shared> get(String token) {
        Shared shared = byToken.get(token);
        if (shared == null || !clock.instant().isBefore(shared.expires())) {
            return Optional.empty();
        }
        return Optional.of(shared);
    }

    /** Deletes the expired files; @return how many */
    int sweep() {
        List<Shared> expired = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            byToken.values().removeIf(s -> {
                if (now.isBefore(s.expires())) {
                    return false;
                }
                expired.add(s);
                totalBytes -= s.size();
                return true;
            });
        }
        expired.forEach(s -> deleteQuietly(s.file()));
        return expired.size();
    }

    /** Withdraws a file before it expires (deleted); @return false if it was not held */
    boolean withdraw(String token) {
        Shared removed;
        synchronized (this) {
            removed = byToken.remove(token);
            if (removed != null) {
                totalBytes -= removed.size();
            }
        }
        if (removed != null) {
            deleteQuietly(removed.file());
        }
        return removed != null;
    }

    /** Deletes every file held. */
    void clear() {
        List<Shared> all;
        synchronized (this) {
            all = new ArrayList<>(byToken.values());
            byToken.clear();
            totalBytes = 0;
        }
        all.forEach(s -> deleteQuietly(s.file()));
    }

    synchronized int count() {
        return byToken.size();
    }

    synchronized long totalBytes() {
        return totalBytes;
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for the transfer directory's start-up clean-up
        }
    }
}
