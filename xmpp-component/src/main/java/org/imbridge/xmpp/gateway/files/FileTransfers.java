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

    private final FileTransferOptions options;
    private final IncomingFiles incoming;
    private final OutgoingFiles outgoing;

    public FileTransfers(FileTransferOptions options, JidMapping jids, StanzaSink sink, IqRequests requests,
                         ContactNames names, Function<String, Optional<BridgedUser>> users, Executor pool,
                         FileTransferMetrics metrics) {
        this.options = options;
        FileNotices notices = new FileNotices(jids, sink);
        TransferQuota quota = new TransferQuota(options.perUserTransfers());
        this.incoming = new IncomingFiles(options, notices, new FileLinks(requests, jids.transport(), options), quota,
                names, users, metrics);
        this.outgoing = new OutgoingFiles(options, notices, quota, names, users, pool, metrics);
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
