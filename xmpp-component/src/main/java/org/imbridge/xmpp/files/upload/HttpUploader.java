package org.imbridge.xmpp.files.upload;

import java.io.FileNotFoundException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.imbridge.xmpp.files.Urls;

/**
 * Puts a file to an XEP-0363 slot: an HTTP PUT streamed from the file, with the slot's headers and the
 * file's Content-Type, and returns the slot's GET URL. Redirects are not followed (§4: the PUT URL is
 * where the file goes). Thread-safe.
 */
public final class HttpUploader {

    private final HttpClient client;
    private final Duration timeout;

    /** @param timeout for the whole upload, from connecting to the answer */
    public HttpUploader(Duration timeout) {
        this(HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build(), timeout);
    }

    public HttpUploader(HttpClient client, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        this.timeout = timeout;
    }

    /**
     * @param contentType the file's MIME type, or null for application/octet-stream
     * @return completes with the slot's GET URL; fails with an {@link UploadException}
     */
    public CompletableFuture<URI> uploadAsync(UploadSlot slot, Path file, String contentType) {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(slot.putUrl()).timeout(timeout)
                    .PUT(HttpRequest.BodyPublishers.ofFile(file))
                    .header("Content-Type", contentType == null ? "application/octet-stream" : contentType);
            slot.putHeaders().forEach(builder::header);
            request = builder.build();
        } catch (FileNotFoundException e) {
            return CompletableFuture.failedFuture(new UploadException("the file to upload is gone", 0, e));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new UploadException("the upload request is invalid", 0, e));
        }
        String where = Urls.redacted(slot.putUrl());
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        String what = cause instanceof HttpTimeoutException ? "timed out" : "failed";
                        throw new CompletionException(new UploadException("the upload to " + where + " " + what, 0, cause));
                    }
                    int status = response.statusCode();
                    if (status < 200 || status > 299) {
                        throw new CompletionException(new UploadException(
                                "the upload to " + where + " was refused with HTTP status " + status, status, null));
                    }
                    return slot.getUrl();
                });
    }

    /** Blocking {@link #uploadAsync}. */
    public URI upload(UploadSlot slot, Path file, String contentType) throws UploadException, InterruptedException {
        try {
            return uploadAsync(slot, file, contentType).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UploadException upload) {
                throw upload;
            }
            throw new UploadException("the upload failed", 0, e.getCause());
        }
    }
}
