package org.imbridge.xmpp.files.download;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.imbridge.xmpp.files.download.DownloadException.Reason;

/**
 * Downloads an http(s) URL to a file, streaming, within a {@link DownloadPolicy}: the host must be on
 * the allow-list; its addresses are checked before connecting ({@link AddressFilter}); a
 * Content-Length over the limit is refused before reading and the bytes are counted while reading;
 * the whole download, redirects included, has one deadline; redirects are followed only to the same
 * host over http(s) (never from https down to http), at most {@value #MAX_REDIRECTS}. On any failure
 * the destination file is deleted.
 *
 * <p>DNS rebinding: every address the host resolves to is checked, and the download is refused if any
 * is forbidden (so a name that answers with one public and one private address is refused). The
 * HTTP client then resolves the name again through {@link InetAddress}, which answers from the JVM's
 * positive cache (networkaddress.cache.ttl, 30 s by default) filled by the check, so it connects to a
 * checked address (docs/file-transfer-http.md). A deployment that sets that TTL to 0 loses this
 * guarantee (a name could then answer differently between the check and the connection).
 *
 * <p>Messages of the exceptions name the host, never the path's query or credentials. Thread-safe.
 */
public final class SafeDownloader {

    /** Redirects followed at most. */
    public static final int MAX_REDIRECTS = 3;

    /** Resolves host names (the JDK's resolver; a test may give its own). */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final DownloadPolicy policy;
    private final HostResolver resolver;
    private final HttpClient client;

    public SafeDownloader(DownloadPolicy policy) {
        this(policy, InetAddress::getAllByName);
    }

    public SafeDownloader(DownloadPolicy policy, HostResolver resolver) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(policy.timeout()).build();
    }

    /**
     * @param url         an http or https URL
     * @param destination the file to write (created or overwritten); deleted on failure
     * @return the file, with the name from {@code url}'s path and the size
     * @throws DownloadException    when refused or failed, with the reason
     * @throws InterruptedException when interrupted (the download is stopped and the file deleted)
     */
    public DownloadedFile download(URI url, Path destination) throws DownloadException, InterruptedException {
        long deadline = System.nanoTime() + policy.timeout().toNanos();
        boolean done = false;
        try {
            URI current = checkedUrl(url);
            for (int redirects = 0; ; redirects++) {
                checkAddresses(current.getHost());
                Fetched fetched = fetch(current, destination, deadline);
                if (REDIRECTS.contains(fetched.status())) {
                    if (redirects >= MAX_REDIRECTS) {
                        throw new DownloadException(Reason.REDIRECT_REFUSED, "more than " + MAX_REDIRECTS + " redirects");
                    }
                    current = redirectTarget(current, fetched.location());
                    continue;
                }
                if (fetched.status() < 200 || fetched.status() > 299) {
                    throw new DownloadException(Reason.HTTP_STATUS,
                            current.getHost() + " answered with HTTP status " + fetched.status());
                }
                if (fetched.size() < 0) {
                    throw new DownloadException(Reason.TOO_LARGE, "the file is larger than " + policy.maxBytes() + " bytes");
                }
                done = true;
                return new DownloadedFile(destination, FileNames.fromUrl(url), fetched.size());
            }
        } finally {
            if (!done) {
                deleteQuietly(destination);
            }
        }
    }

    private URI checkedUrl(URI url) throws DownloadException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new DownloadException(Reason.HOST_NOT_ALLOWED, "only http and https URLs are downloaded");
        }
        if (url.getRawUserInfo() != null) {
            throw new DownloadException(Reason.HOST_NOT_ALLOWED, "URLs with credentials are not downloaded");
        }
        if (!policy.allows(url.getHost())) {
            throw new DownloadException(Reason.HOST_NOT_ALLOWED, "downloads from " + url.getHost() + " are not allowed");
        }
        return url;
    }

    private void checkAddresses(String host) throws DownloadException {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new DownloadException(Reason.IO, host + " could not be resolved", e);
        }
        if (addresses == null || addresses.length == 0) {
            throw new DownloadException(Reason.IO, host + " could not be resolved");
        }
        if (policy.allowPrivateAddresses()) {
            return;
        }
        for (InetAddress address : addresses) {
            if (AddressFilter.isForbidden(address)) {
                throw new DownloadException(Reason.PRIVATE_ADDRESS, host + " is on a private or local network");
            }
        }
    }

    private URI redirectTarget(URI from, String location) throws DownloadException {
        if (location == null || location.isBlank()) {
            throw new DownloadException(Reason.REDIRECT_REFUSED, from.getHost() + " redirected without a location");
        }
        URI target;
        try {
            target = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new DownloadException(Reason.REDIRECT_REFUSED, from.getHost() + " redirected to a malformed URL");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeOk = scheme.equals("https") || scheme.equals("http") && from.getScheme().equalsIgnoreCase("http");
        if (!schemeOk || target.getHost() == null || !target.getHost().equalsIgnoreCase(from.getHost())
                || target.getRawUserInfo() != null) {
            throw new DownloadException(Reason.REDIRECT_REFUSED, from.getHost() + " redirected elsewhere");
        }
        return target;
    }

    private record Fetched(int status, String location, long size) {
    }

    private Fetched fetch(URI url, Path destination, long deadline) throws DownloadException, InterruptedException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timeout();
        }
        HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(Duration.ofNanos(remaining)).build();
        AtomicReference<LimitedFileSubscriber> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<Long>> future =
                client.sendAsync(request, info -> subscriberFor(info, destination, body));
        try {
            HttpResponse<Long> response = future.get(remaining, TimeUnit.NANOSECONDS);
            return new Fetched(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    response.body());
        } catch (TimeoutException e) {
            throw stop(future, body, timeout());
        } catch (InterruptedException e) {
            stop(future, body, new DownloadException(Reason.IO, "the download was interrupted"));
            throw e;
        } catch (ExecutionException e) {
            throw failure(url, e.getCause());
        }
    }

    private BodySubscriber<Long> subscriberFor(ResponseInfo info, Path destination,
                                               AtomicReference<LimitedFileSubscriber> body) {
        if (info.statusCode() < 200 || info.statusCode() > 299) {
            return new Skipped(0);
        }
        OptionalLong length = info.headers().firstValueAsLong("Content-Length");
        if (length.isPresent() && length.getAsLong() > policy.maxBytes()) {
            return new Skipped(-1); // refused unread
        }
        LimitedFileSubscriber subscriber = new LimitedFileSubscriber(destination, policy.maxBytes());
        body.set(subscriber);
        return subscriber;
    }

    private static DownloadException stop(CompletableFuture<?> future, AtomicReference<LimitedFileSubscriber> body,
                                          DownloadException why) {
        future.cancel(true);
        LimitedFileSubscriber subscriber = body.get();
        if (subscriber != null) {
            subscriber.abort(why);
        }
        return why;
    }

    private DownloadException timeout() {
        return new DownloadException(Reason.TIMEOUT, "the download took longer than " + policy.timeout().toSeconds() + " s");
    }

    private DownloadException failure(URI url, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof DownloadException known) {
                return new DownloadException(known.reason(), known.getMessage(), known);
            }
            if (t instanceof HttpTimeoutException) {
                return timeout();
            }
        }
        return new DownloadException(Reason.IO, "the download from " + url.getHost() + " failed", cause);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more can be done; the transfer directory's start-up clean-up gets it
        }
    }

    /** The body of an answer not downloaded (a redirect, an error, a Content-Length over the limit): not read. */
    private static final class Skipped implements BodySubscriber<Long> {

        private final long value;

        Skipped(long value) {
            this.value = value;
        }

        @Override
        public CompletionStage<Long> getBody() {
            return CompletableFuture.completedFuture(value);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            // cancelled: nothing comes
        }

        @Override
        public void onError(Throwable throwable) {
            // the body is not wanted
        }

        @Override
        public void onComplete() {
            // the body is not wanted
        }
    }
}
