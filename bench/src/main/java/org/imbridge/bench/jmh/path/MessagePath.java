package org.imbridge.bench.jmh.path;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.mina.core.session.IoSession;
import org.imbridge.app.launcher.Transport;
import org.imbridge.app.launcher.TransportSettings;
import org.imbridge.bench.driver.BenchNames;
import org.imbridge.bench.driver.Stanzas;
import org.imbridge.core.registration.Registration;
import org.imbridge.core.registration.RegistrationStore;
import org.imbridge.core.session.SessionPolicy;
import org.imbridge.msn.client.MsnClientConfig;
import org.imbridge.msn.plugin.MsnNetwork;
import org.imbridge.msn.protocol.MsnpCommand;
import org.imbridge.msn.protocol.MsnpEncoder;
import org.imbridge.msn.protocol.MsnpNames;
import org.imbridge.msnserver.MsnServer;
import org.imbridge.msnserver.MsnServerConfig;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.store.RegistrationStores;
import org.imbridge.xmpp.gateway.register.UserAllowlist;
import org.imbridge.xmpp.stream.ComponentConfig;

/**
 * One chat message's path through a transport in this process, without a socket on the way.
 *
 * <p>{@link #open} sets the scene for real, over loopback: our MSN network, a transport wired as the
 * bench's transport node wires it (in-memory store, 8 workers, default session policy and MSN client
 * settings, no rate limit), a fake XMPP server for its component stream, and the bridged user
 * {@code u0@bench.local} online with MSN contact {@code u1@bench.msn} (a plain MSN client of its own).
 * A first message with a receipt request opens their switchboard; once its ACK has come back, the
 * component stream's session and the switchboard's session are {@linkplain SocketlessSession taken off
 * their sockets}. From then on each operation hands bytes to the head of one session's filter chain and
 * takes what the transport writes from the head of the other's: framing and parsing, the limits gate,
 * the gateway, the MSN plugin and both codecs run, on the calling thread; the kernel does not.
 */
public final class MessagePath implements AutoCloseable {

    private static final BenchNames NAMES = BenchNames.DEFAULT;
    private static final int USER = 0;
    private static final int CONTACT = 1;
    private static final long SET_UP_SECONDS = 30;
    /** How long an operation waits for the transport's write when it did not come on the calling thread. */
    private static final long WRITE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int CAPTURE_BYTES = 64 * 1024;
    private static final byte[] MSG = "MSG ".getBytes(StandardCharsets.US_ASCII);
    /** The send time in the body, as the bench's driver stamps it; fixed here. */
    private static final long STAMP = 1_234_567_890_123L;

    private MsnServer msnServer;
    private ContactPeer contact;
    private ComponentPeer xmpp;
    private MsnNetwork network;
    private Transport transport;
    private SocketlessSession component;
    private SocketlessSession switchboard;
    private byte[] inboundStanza;
    private byte[] inboundMsg;
    private final byte[] ack = new byte[32];
    private long operations;
    private long deferredWrites;

    private MessagePath() {
    }

    /**
     * Sets the scene (a few seconds) and runs one operation each way, so that the inbound MSG can be
     * made from the payload the transport writes.
     *
     * @param bodyChars characters of the message body, at least 30 (the bench's default is 100)
     */
    public static MessagePath open(int bodyChars) throws Exception {
        if (bodyChars < 30 || bodyChars > 4096) {
            throw new IllegalArgumentException("bodyChars must be 30 to 4096: " + bodyChars);
        }
        MessagePath path = new MessagePath();
        try {
            path.setUp(bodyChars);
            return path;
        } catch (Exception | Error e) {
            path.close();
            throw e;
        }
    }

    /**
     * XMPP → MSN: one inbound {@code <message type='chat'>} at the component stream's decoder, the
     * {@code MSG} the transport writes on the switchboard, and the switchboard's {@code ACK} for it
     * (without it the message would wait for its acknowledgement until it timed out).
     */
    public void xmppToMsn() {
        operations++;
        switchboard.clear();
        int before = switchboard.writes();
        component.receive(inboundStanza);
        awaitWrite(switchboard, before);
        int length = ackFor(msgTrId());
        switchboard.receive(ack, length);
    }

    /**
     * MSN → XMPP: one {@code MSG} from the contact at the switchboard's decoder, and the
     * {@code <message>} the transport writes on the component stream.
     */
    public void msnToXmpp() {
        operations++;
        component.clear();
        int before = component.writes();
        switchboard.receive(inboundMsg);
        awaitWrite(component, before);
    }

    /** What the transport wrote on the switchboard in the last {@link #xmppToMsn()}. */
    public String lastMsnWrite() {
        return switchboard.writtenText();
    }

    /** What the transport wrote on the component stream in the last {@link #msnToXmpp()}. */
    public String lastXmppWrite() {
        return component.writtenText();
    }

    /** The stanza each {@link #xmppToMsn()} hands to the component stream. */
    public String inboundStanza() {
        return new String(inboundStanza, StandardCharsets.UTF_8);
    }

    /** The bytes each {@link #msnToXmpp()} hands to the switchboard. */
    public String inboundMsg() {
        return new String(inboundMsg, StandardCharsets.UTF_8);
    }

    /** One-way operations run so far ({@link #xmppToMsn()} and {@link #msnToXmpp()} each count one). */
    public long operations() {
        return operations;
    }

    /**
     * Operations whose write was not there yet when the transport returned to the caller: another thread
     * wrote it (a hop the socket path takes as well), and the operation waited for it.
     */
    public long deferredWrites() {
        return deferredWrites;
    }

    public static String userJid() {
        return Stanzas.userJid(USER, NAMES.userDomain());
    }

    /** The contact's JID at the transport, {@code u1%bench.msn@msn.bench.local}. */
    public static String contactJid() {
        return Stanzas.msnAccount(CONTACT, NAMES.msnDomain()).replace('@', '%') + "@" + NAMES.transportDomain();
    }

    /** Puts the sockets back in the loop and stops everything (the transport logs its user out). */
    @Override
    public void close() {
        if (component != null) {
            component.reattach();
        }
        if (switchboard != null) {
            switchboard.reattach();
        }
        if (transport != null) {
            transport.close();
        }
        if (contact != null) {
            contact.close();
        }
        if (xmpp != null) {
            xmpp.close();
        }
        if (msnServer != null) {
            msnServer.close();
        }
    }

    // ---- set-up ----

    private void setUp(int bodyChars) throws Exception {
        String user = Stanzas.msnAccount(USER, NAMES.msnDomain());
        String contactHandle = Stanzas.msnAccount(CONTACT, NAMES.msnDomain());
        msnServer = MsnServer.start(MsnServerConfig.builder()
                .accounts(List.of(
                        AccountSpec.of(user, NAMES.password(USER), "User " + USER).withContacts(contactHandle),
                        AccountSpec.of(contactHandle, NAMES.password(CONTACT), "User " + CONTACT).withContacts(user)))
                // the switchboard hears nothing from the transport while the benchmark runs
                .switchboardIdleTimeout(Duration.ofHours(1))
                .build());
        contact = ContactPeer.online(contactHandle, NAMES.password(CONTACT), msnServer.dispatchAddress(), SET_UP_SECONDS);
        xmpp = new ComponentPeer(NAMES.transportDomain(), NAMES.secret());
        transport = startTransport(msnServer.dispatchAddress(), xmpp.port());
        xmpp.online().get(SET_UP_SECONDS, TimeUnit.SECONDS);

        var contactOnline = xmpp.expect(xml -> xml.startsWith("<presence") && Stanzas.attribute(xml, "type") == null
                && contactJid().equals(Stanzas.attribute(xml, "from")));
        xmpp.send(Stanzas.available(USER, NAMES));
        contactOnline.get(SET_UP_SECONDS, TimeUnit.SECONDS);

        openSwitchboard();
        component = SocketlessSession.detach(transport.connection().ioSession().orElseThrow(
                () -> new IllegalStateException("the component stream is not connected")), CAPTURE_BYTES);
        switchboard = SocketlessSession.detach(switchboardSession(), CAPTURE_BYTES);

        StringBuilder stanza = new StringBuilder();
        Stanzas.appendMessage(stanza, USER, CONTACT, STAMP, bodyChars, NAMES);
        inboundStanza = stanza.toString().getBytes(StandardCharsets.UTF_8);
        xmppToMsn();
        inboundMsg = MsnpEncoder.toBytes(MsnpCommand.withPayload("MSG", msgPayload(), contactHandle,
                MsnpNames.encode("User " + CONTACT)));
        msnToXmpp();
    }

    private Transport startTransport(InetSocketAddress dispatch, int xmppPort) throws Exception {
        RegistrationStore store = RegistrationStores.inMemory();
        store.save(Registration.of(userJid(), "msn", Stanzas.msnAccount(USER, NAMES.msnDomain()), NAMES.password(USER)));
        ComponentConfig component = ComponentConfig.builder(NAMES.transportDomain(), NAMES.secret())
                .host("127.0.0.1").port(xmppPort)
                // no whitespace keepalive from the I/O thread: the stream's writes stop here
                .keepaliveInterval(Duration.ofHours(1))
                .build();
        network = new MsnNetwork(dispatch, MsnClientConfig.defaults());
        UserAllowlist allowlist = new UserAllowlist(List.of());
        TransportSettings settings = new TransportSettings(component, network, store, () -> allowlist,
                64 * 1024, SessionPolicy.DEFAULTS, 8);
        return Transport.start(settings, stopped -> { }).toCompletableFuture().get(SET_UP_SECONDS, TimeUnit.SECONDS);
    }

    /** A message with a receipt request: the receipt comes once the switchboard has acknowledged it. */
    private void openSwitchboard() throws Exception {
        String text = "opening the switchboard";
        var receipt = xmpp.expect(xml -> xml.startsWith("<message") && xml.contains("urn:xmpp:receipts")
                && xml.contains("open-1"));
        xmpp.send("<message type='chat' id='open-1' from='" + userJid() + "/r' to='" + contactJid() + "'><body>" + text
                + "</body><request xmlns='urn:xmpp:receipts'/></message>");
        receipt.get(SET_UP_SECONDS, TimeUnit.SECONDS);
        String received = contact.firstText().get(SET_UP_SECONDS, TimeUnit.SECONDS);
        if (!text.equals(received)) {
            throw new IllegalStateException("the contact received '" + received + "' instead of '" + text + "'");
        }
    }

    /** The transport's one connection to the switchboard server. */
    private IoSession switchboardSession() {
        int port = msnServer.switchboardAddress().getPort();
        List<IoSession> found = network.client().ioSessions().stream()
                .filter(s -> s.getRemoteAddress() instanceof InetSocketAddress a && a.getPort() == port)
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " switchboard connections instead of one");
        }
        return found.get(0);
    }

    // ---- per operation ----

    private void awaitWrite(SocketlessSession session, int before) {
        if (session.writes() != before) {
            return;
        }
        deferredWrites++;
        long deadline = System.nanoTime() + WRITE_WAIT_NANOS;
        while (session.writes() == before) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the transport wrote nothing within "
                        + TimeUnit.NANOSECONDS.toMillis(WRITE_WAIT_NANOS) + " ms");
            }
            Thread.onSpinWait();
        }
    }

    /** The TrID of the {@code MSG} just written, read in place. */
    private long msgTrId() {
        int length = switchboard.writtenLength();
        for (int i = 0; i < MSG.length; i++) {
            if (i >= length || switchboard.writtenAt(i) != MSG[i]) {
                throw new IllegalStateException("the transport wrote no MSG: " + switchboard.writtenText());
            }
        }
        long trId = 0;
        int i = MSG.length;
        for (; i < length && switchboard.writtenAt(i) != ' '; i++) {
            byte b = switchboard.writtenAt(i);
            if (b < '0' || b > '9' || i - MSG.length > 10) {
                throw new IllegalStateException("no TrID in " + switchboard.writtenText());
            }
            trId = trId * 10 + (b - '0');
        }
        return trId;
    }

    /** {@code ACK trId\r\n} into {@link #ack}; returns its length. */
    private int ackFor(long trId) {
        int n = 0;
        ack[n++] = 'A';
        ack[n++] = 'C';
        ack[n++] = 'K';
        ack[n++] = ' ';
        int start = n;
        long rest = trId;
        do {
            ack[n++] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest > 0);
        for (int i = start, j = n - 1; i < j; i++, j--) {
            byte t = ack[i];
            ack[i] = ack[j];
            ack[j] = t;
        }
        ack[n++] = '\r';
        ack[n++] = '\n';
        return n;
    }

    /** The payload of the MSG just written: everything after its command line. */
    private byte[] msgPayload() {
        byte[] written = switchboard.written();
        for (int i = 0; i + 1 < written.length; i++) {
            if (written[i] == '\r' && written[i + 1] == '\n') {
                return Arrays.copyOfRange(written, i + 2, written.length);
            }
        }
        throw new IllegalStateException("no command line in " + switchboard.writtenText());
    }
}
