package org.imbridge.xmpp.gateway.files;

import java.io.IOException;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.imbridge.core.files.TransferFailure;
import org.imbridge.xmpp.files.Urls;
import org.imbridge.xmpp.files.share.FileShareException;
import org.imbridge.xmpp.files.upload.HttpUploader;
import org.imbridge.xmpp.files.upload.UploadRequest;
import org.imbridge.xmpp.files.upload.UploadService;
import org.imbridge.xmpp.files.upload.UploadServiceDiscovery;
import org.imbridge.xmpp.files.upload.UploadSlot;
import org.imbridge.xmpp.gateway.iq.IqRequests;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a received file where the user's client can fetch it: the upload service (XEP-0363) of the
 * user's own server (or the configured one) when it takes the file, else the transport's own HTTP
 * endpoint. Takes the file over: it is deleted once uploaded, or served and deleted by the endpoint.
 */
final class FileLinks {

    private static final Logger LOG = LoggerFactory.getLogger(FileLinks.class);
    private static final int CACHED_DOMAINS = 1_000;

    private final IqRequests requests;
    private final Jid transport;
    private final FileTransferOptions options;
    private final UploadServiceDiscovery discovery;
    private final HttpUploader uploader;

    FileLinks(IqRequests requests, Jid transport, FileTransferOptions options) {
        this.requests = requests;
        this.transport = transport;
        this.options = options;
        this.discovery = new UploadServiceDiscovery(requests, transport, CACHED_DOMAINS);
        this.uploader = new HttpUploader(options.timeout());
    }

    /** @return the URL the user's client fetches the file from; fails with a {@link TransferFailure} */
    CompletionStage<URI> publish(String userJid, Path file, String fileName, long size) {
        return service(userJid).thenCompose(service -> {
            if (service.isPresent() && size > 0 && service.get().accepts(size)) {
                return upload(service.get(), file, fileName, size).handle((url, e) -> {
                    if (e == null) {
                        deleteQuietly(file);
                        return CompletableFuture.completedFuture(url);
                    }
                    LOG.warn("uploading a file for {} to {} failed: {}", userJid, service.get().jid(), e.getMessage());
                    return share(file, fileName);
                }).thenCompose(s -> s);
            }
            return share(file, fileName);
        });
    }

    private CompletionStage<Optional<UploadService>> service(String userJid) {
        if (options.uploadService() != null) {
            return CompletableFuture.completedFuture(Optional.of(new UploadService(options.uploadService(),
                    OptionalLong.empty())));
        }
        DomainBareJid domain = JidCreate.bareFromOrThrowUnchecked(userJid).asDomainBareJid();
        return discovery.find(domain).exceptionally(e -> {
            LOG.debug("no upload service found on {}: {}", domain, e.getMessage());
            return Optional.empty();
        });
    }

    private CompletionStage<URI> upload(UploadService service, Path file, String fileName, long size) {
        String type = contentType(fileName);
        return requests.send(new UploadRequest(transport, service.jid(), fileName, size, type)).thenCompose(answer -> {
            if (!(answer instanceof UploadSlot slot)) {
                return CompletableFuture.failedFuture(new IOException("the upload service answered without a slot"));
            }
            LOG.debug("uploading {} bytes to {}", size, Urls.redacted(slot.putUrl()));
            return uploader.uploadAsync(slot, file, type);
        });
    }

    private CompletionStage<URI> share(Path file, String fileName) {
        if (options.share() == null) {
            deleteQuietly(file);
            return CompletableFuture.failedFuture(new TransferFailure(TransferFailure.Reason.UNSUPPORTED,
                    "there is nowhere to put it: your server's upload service did not take it from the transport,"
                            + " and the transport has no file endpoint of its own"));
        }
        try {
            return CompletableFuture.completedFuture(options.share().publish(file, fileName, options.linkExpiry()));
        } catch (FileShareException e) {
            deleteQuietly(file);
            return CompletableFuture.failedFuture(new TransferFailure(TransferFailure.Reason.BUSY,
                    "the transport holds too many files right now; try again later", e));
        }
    }

    static String contentType(String fileName) {
        String type = URLConnection.guessContentTypeFromName(fileName);
        return type == null ? "application/octet-stream" : type;
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.toString());
        }
    }
}
