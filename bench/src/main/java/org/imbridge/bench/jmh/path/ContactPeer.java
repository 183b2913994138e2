package org.imbridge.bench.jmh.path;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.imbridge.msn.client.MsnClient;
import org.imbridge.msn.client.NotificationListener;
import org.imbridge.msn.client.NotificationSession;
import org.imbridge.msn.client.SwitchboardInvitation;
import org.imbridge.msn.client.SwitchboardListener;
import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msn.protocol.MsnStatus;

/**
 * The bridged user's MSN contact during the set-up of {@link MessagePath}: a plain MSN client of its
 * own, online, that joins every conversation it is invited to and reports the first text it receives.
 */
final class ContactPeer implements AutoCloseable {

    private final MsnClient client = new MsnClient();
    private final CompletableFuture<String> firstText = new CompletableFuture<>();

    /** Logs {@code handle} in at {@code dispatch} and goes online; waits at most {@code timeoutSeconds}. */
    static ContactPeer online(String handle, String password, InetSocketAddress dispatch, long timeoutSeconds)
            throws Exception {
        ContactPeer peer = new ContactPeer();
        try {
            NotificationSession session = peer.client.login(handle, password, dispatch, peer.new Listener())
                    .toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
            session.changeStatus(MsnStatus.NLN).toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
            return peer;
        } catch (Exception e) {
            peer.close();
            throw e;
        }
    }

    /** Completes with the body of the first text message the contact receives. */
    CompletableFuture<String> firstText() {
        return firstText;
    }

    @Override
    public void close() {
        client.close();
    }

    private final class Listener implements NotificationListener, SwitchboardListener {
        @Override
        public void onInvitation(SwitchboardInvitation invitation) {
            invitation.accept(this);
        }

        @Override
        public void onMessage(String handle, String friendlyName, MimeMessage message) {
            firstText.complete(message.bodyText());
        }
    }
}
