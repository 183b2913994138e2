package org.imbridge.xmpp.gateway.files;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import org.imbridge.xmpp.files.share.FileShareServer;
import org.imbridge.xmpp.files.temp.TransferDirectory;
import org.jxmpp.jid.Jid;

/**
 * How the gateway moves files (README, "Files").
 *
 * @param directory         where files in transit live (0700, files 0600); null turns files off
 * @param maxBytes          the largest file taken either way; larger offers are declined with a notice
 * @param perUserTransfers  transfers under way per user, both ways together
 * @param uploadService     the XEP-0363 service to use, or null to find the user's server's own
 * @param share             the transport's own HTTP endpoint, used where no upload service takes the
 *                          file; null for none
 * @param linkExpiry        how long the own endpoint serves a file
 * @param downloadHosts     hosts links may be fetched from besides the user's own domain and its
 *                          subdomains
 * @param allowPrivateAddresses whether those hosts may resolve to private or loopback addresses
 * @param timeout           for a whole download or upload
 */
public record FileTransferOptions(TransferDirectory directory, long maxBytes, int perUserTransfers, Jid uploadService,
                                  FileShareServer share, Duration linkExpiry, Set<String> downloadHosts,
                                  boolean allowPrivateAddresses, Duration timeout) {

    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    public FileTransferOptions {
        downloadHosts = Set.copyOf(Objects.requireNonNull(downloadHosts, "downloadHosts"));
        Objects.requireNonNull(linkExpiry, "linkExpiry");
        Objects.requireNonNull(timeout, "timeout");
        if (directory != null && (maxBytes <= 0 || perUserTransfers < 1)) {
            throw new IllegalArgumentException("maxBytes and perUserTransfers must be positive");
        }
    }

    /** Files off: offers are declined with a notice, links travel as text only. */
    public static FileTransferOptions disabled() {
        return new FileTransferOptions(null, DEFAULT_MAX_BYTES, 1, null, null, Duration.ofDays(1), Set.of(), false,
                Duration.ofMinutes(5));
    }

    public boolean enabled() {
        return directory != null;
    }
}
