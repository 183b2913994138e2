package org.imbridge.xmpp.files.share;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * The fallback file server: {@link #publish} a file for a while and hand its URL to the user. URLs are
 * {@code baseUrl/<token>/<name>} with a 144-bit random token; GET and HEAD serve the file as an
 * attachment; unknown or expired tokens get 404, other methods 405. Expired files are deleted by a
 * periodic sweep ({@link #sweepExpired()} runs one at once) and {@link #close()} deletes all. Caps on
 * the number of files and total bytes make {@link #publish} refuse beyond them. Requests are served by
 * a few threads with a bounded queue; when it is full the accepting thread serves (back pressure).
 */
public final class FileShareServer implements Closeable {

    private static final int QUEUED_REQUESTS = 64;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService sweeper;
    private final SharedFiles files;
    private final String baseUrl;

    private FileShareServer(HttpServer server, ThreadPoolExecutor executor, ScheduledExecutorService sweeper,
                            SharedFiles files, String baseUrl) {
        this.server = server;
        this.executor = executor;
        this.sweeper = sweeper;
        this.files = files;
        this.baseUrl = baseUrl;
    }

    /** Starts a server with the system clock. */
    public static FileShareServer start(FileShareConfig config) throws IOException {
        return start(config, Clock.systemUTC());
    }

    /** Starts a server whose expiry follows {@code clock} (tests move it). */
    public static FileShareServer start(FileShareConfig config, Clock clock) throws IOException {
        SharedFiles files = new SharedFiles(clock, config.maxFiles(), config.maxTotalBytes());
        HttpServer server = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 50);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(config.threads(), config.threads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS), daemonThreads("file-share-"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        server.createContext("/", new ShareHandler(files));
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(daemonThreads("file-share-sweep-"));
        long every = config.sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(files::sweep, every, every, TimeUnit.MILLISECONDS);
        server.start();
        String base = config.baseUrl() != null ? config.baseUrl().toString()
                : "http://" + hostForUrl(config.bindAddress()) + ":" + server.getAddress().getPort();
        return new FileShareServer(server, executor, sweeper, files, stripTrailingSlash(base));
    }

    /**
     * Shares a file; from now on the server owns it and deletes it when it expires or at {@link #close()}
     * (if refused, it stays the caller's).
     *
     * @param fileName the name clients see (sanitised)
     * @return the URL to give out
     * @throws FileShareException over a cap, or when {@code file} is not a readable regular file
     */
    public URI publish(Path file, String fileName, Duration expiry) throws FileShareException {
        SharedFiles.Shared shared = files.add(file, fileName, expiry);
        String name = URLEncoder.encode(shared.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
        return URI.create(baseUrl + "/" + shared.token() + "/" + name);
    }

    /** Deletes the files whose time is up; @return how many */
    public int sweepExpired() {
        return files.sweep();
    }

    /** @return how many files are held */
    public int fileCount() {
        return files.count();
    }

    /** @return how many bytes are held */
    public long totalBytes() {
        return files.totalBytes();
    }

    /** @return the address listened on (with the port bound) */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** @return the base URL the published URLs start with */
    public String baseUrl() {
        return baseUrl;
    }

    /** Stops serving and deletes every file held. */
    @Override
    public void close() {
        server.stop(0);
        sweeper.shutdownNow();
        executor.shutdownNow();
        files.clear();
    }

    private static String hostForUrl(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
