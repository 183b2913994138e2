package org.imbridge.msnserver.plugin;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.imbridge.core.model.LegacyAddress;
import org.imbridge.core.model.Presence;
import org.imbridge.core.network.LegacyCredentials;
import org.imbridge.core.network.LegacySession;
import org.imbridge.msn.client.MsnClient;
import org.imbridge.msn.client.MsnClientConfig;
import org.imbridge.msn.plugin.MsnNetwork;
import org.imbridge.msn.plugin.files.FileTransferSettings;
import org.imbridge.msn.plugin.MsnPluginSettings;
import org.imbridge.msn.protocol.MsnStatus;
import org.imbridge.msnserver.MsnServer;
import org.imbridge.msnserver.MsnServerConfig;
import org.imbridge.msnserver.account.AccountsFile;
import org.imbridge.msnserver.notification.ChallengePolicy;

/**
 * Our MSN server, the MSN adapter ({@link MsnNetwork}) pointed at its dispatch port, and a separate
 * plain MSNP client for the contacts ({@link Peer}). Alice is the bridged user. Close after each test.
 */
final class BridgeNetwork implements AutoCloseable {

    /** Typing expiry short enough for tests. */
    static final Duration TYPING_EXPIRY = Duration.ofMillis(300);

    /** Every password is the name before the {@code @} followed by {@code pass}. */
    static final String ACCOUNTS = """
            accounts:
              - email: alice@hotmail.com
                password: alicepass
                nick: Alice Liddell
                groups: [Friends, Work Mates]
                inboxUnread: 2
                contacts:
                  - {email: bob@hotmail.com, groups: [Friends]}
                  - {email: carol@hotmail.com, groups: [Friends, Work Mates]}
                  - erin@hotmail.com
              - email: bob@hotmail.com
                password: bobpass
                nick: Bob Smith
                phones: {PHH: "555 0100", PHM: "+1 555 0102", MOB: Y}
                contacts: [alice@hotmail.com, carol@hotmail.com]
              - email: carol@hotmail.com
                password: carolpass
                nick: "Carol ☺ 100%"
                contacts: [alice@hotmail.com, bob@hotmail.com]
              - email: dave@hotmail.com
                password: davepass
                nick: Dave
                contacts: [alice@hotmail.com]
              - email: erin@hotmail.com
                password: erinpass
                nick: Erin
              - email: frank@hotmail.com
                password: frankpass
                nick: Frank
            """;

    final MsnServer server;
    final MsnNetwork network;
    private final MsnClient peers;
    private final List<LegacySession> sessions = new CopyOnWriteArrayList<>();

    private BridgeNetwork(MsnPluginSettings settings) throws IOException {
        server = MsnServer.start(MsnServerConfig.builder()
                .challenges(ChallengePolicy.manual(Duration.ofSeconds(50)))
                .accounts(AccountsFile.parse(ACCOUNTS))
                .build());
        network = new MsnNetwork(server.dispatchAddress(), clientConfig(), settings);
        peers = new MsnClient(clientConfig());
    }

    /** With these file transfer settings (and the short typing expiry). */
    static BridgeNetwork start(FileTransferSettings files) throws IOException {
        return new BridgeNetwork(MsnPluginSettings.defaults().withTypingExpiry(TYPING_EXPIRY).withFiles(files));
    }

    /** The plain client the peers log in with, e.g. for its I/O processor pool. */
    MsnClient peerClient() {
        return peers;
    }

    static BridgeNetwork start() throws IOException {
        return new BridgeNetwork(MsnPluginSettings.defaults().withTypingExpiry(TYPING_EXPIRY));
    }

    /** Short timeouts and one I/O thread: everything is local. */
    static MsnClientConfig clientConfig() {
        return MsnClientConfig.builder()
                .connectTimeout(Duration.ofSeconds(2))
                .loginTimeout(Duration.ofSeconds(10))
                .requestTimeout(Duration.ofSeconds(5))
                .ackTimeout(Duration.ofSeconds(5))
                .inviteTimeout(Duration.ofSeconds(5))
                .ioProcessors(1)
                .build();
    }

    static String password(String handle) {
        return handle.substring(0, handle.indexOf('@')) + "pass";
    }

    static LegacyCredentials credentials(String handle) {
        return new LegacyCredentials(LegacyAddress.of(handle), password(handle));
    }

    /** A bridged session of {@code handle}, not logged in yet. */
    BridgedSession session(String handle) {
        EventRecorder events = new EventRecorder();
        LegacySession session = network.openSession(credentials(handle), events);
        sessions.add(session);
        return new BridgedSession(session, events);
    }

    /** Alice's bridged session, logged in with {@code presence}. */
    BridgedSession alice(Presence presence) {
        BridgedSession s = session("alice@hotmail.com");
        Peer.join(s.session().login(presence));
        return s;
    }

    BridgedSession alice() {
        return alice(Presence.AVAILABLE);
    }

    /** {@code handle} logged in on a plain client and online (NLN). */
    Peer peer(String handle) {
        Peer peer = loggedInPeer(handle);
        peer.status(MsnStatus.NLN);
        return peer;
    }

    /** {@code handle} logged in on a plain client, still FLN. */
    Peer loggedInPeer(String handle) {
        Peer peer = new Peer(handle);
        peer.attach(Peer.join(peers.login(handle, password(handle), server.dispatchAddress(), peer)));
        return peer;
    }

    @Override
    public void close() {
        sessions.forEach(LegacySession::logout);
        network.close();
        peers.close();
        server.stop();
    }

    /** A bridged session and what it reported. */
    record BridgedSession(LegacySession session, EventRecorder events) {
    }
}
