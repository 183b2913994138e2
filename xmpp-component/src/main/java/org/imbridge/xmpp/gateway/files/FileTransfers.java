package org.imbridge.xmpp.gateway.files;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

import org.imbridge.core.session.BridgedUser;
import org.imbridge.xmpp.gateway.iq.IqRequests;
import org.imbridge.xmpp.gateway.mapping.ContactNames;
import org.imbridge.xmpp.gateway.mapping.JidMapping;
import org.imbridge.xmpp.gateway.stanza.StanzaSink;

/** Files both ways, sharing one per-user transfer limit. */
public final class FileTransfers {

    private static final int DOWNLOAD_THREADS = 4;
    private static final int DOWNLOADS_WAITING = 1_000;

    private final FileTransferOptions options;
    private final IncomingFiles incoming;
    private final OutgoingFiles outgoing;

    public FileTransfers(FileTransferOptions options, JidMapping jids, StanzaSink sink, IqRequests requests,
                         ContactNames names, Function<String, Optional<BridgedUser>> users,
                         FileTransferMetrics metrics) {
        this.options = options;
        FileNotices notices = new FileNotices(jids, sink);
        TransferQuota quota = new TransferQuota(options.perUserTransfers());
        this.incoming = new IncomingFiles(options, notices, new FileLinks(requests, jids.transport(), options), quota,
                names, users, metrics);
        this.outgoing = new OutgoingFiles(options, notices, quota, names, users, downloads(), metrics);
    }

    /**
     * Downloads block for up to {@code files.timeout}: they get threads of their own, so that slow
     * hosts never hold the workers that logins and the store need. A full queue refuses (the user is
     * told the link went as text only).
     */
    private static Executor downloads() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(DOWNLOAD_THREADS,
                DOWNLOAD_THREADS, 60, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(DOWNLOADS_WAITING), r -> {
                    Thread t = new Thread(r, "imbridge-file-download-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    public FileTransferOptions options() {
        return options;
    }

    public IncomingFiles incoming() {
        return incoming;
    }

    public OutgoingFiles outgoing() {
        return outgoing;
    }
}
