package org.imbridge.xmpp.files.download;

import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Writes a response body to a file as it comes, counting the bytes: past the limit it cancels the
 * body and fails with {@link DownloadException.Reason#TOO_LARGE}. Completes with the byte count. The
 * file is left for the caller to delete on failure.
 */
final class LimitedFileSubscriber implements BodySubscriber<Long> {

    private final Path destination;
    private final long maxBytes;
    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private final Object lock = new Object();
    private Flow.Subscription subscription;
    private FileChannel channel;
    private long written;

    LimitedFileSubscriber(Path destination, long maxBytes) {
        this.destination = destination;
        this.maxBytes = maxBytes;
    }

    @Override
    public CompletionStage<Long> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        synchronized (lock) {
            this.subscription = subscription;
            if (result.isDone()) {
                subscription.cancel();
                return;
            }
            try {
                // not through a symbolic link: the destination is meant to be a file of our own
                channel = FileChannel.open(destination, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                fail(new DownloadException(DownloadException.Reason.IO, "the download could not be written", e));
                return;
            }
        }
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        synchronized (lock) {
            if (result.isDone()) {
                return;
            }
            try {
                for (ByteBuffer buffer : buffers) {
                    written += buffer.remaining();
                    if (written > maxBytes) {
                        fail(new DownloadException(DownloadException.Reason.TOO_LARGE,
                                "the file is larger than " + maxBytes + " bytes"));
                        return;
                    }
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
            } catch (IOException e) {
                fail(new DownloadException(DownloadException.Reason.IO, "the download could not be written", e));
                return;
            }
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        synchronized (lock) {
            closeChannel();
            result.completeExceptionally(throwable);
        }
    }

    @Override
    public void onComplete() {
        synchronized (lock) {
            try {
                if (channel != null) {
                    channel.force(false);
                }
            } catch (IOException e) {
                fail(new DownloadException(DownloadException.Reason.IO, "the download could not be written", e));
                return;
            }
            closeChannel();
            result.complete(written);
        }
    }

    /** Stops the download (on timeout): cancels the body and closes the file. */
    void abort(DownloadException why) {
        synchronized (lock) {
            fail(why);
        }
    }

    private void fail(DownloadException why) {
        if (subscription != null) {
            subscription.cancel();
        }
        closeChannel();
        result.completeExceptionally(why);
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the file is deleted by the caller on failure; nothing to tell here
            }
            channel = null;
        }
    }
}
