package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

import org.apache.mina.core.session.DummySession;
import org.apache.mina.filter.codec.ProtocolDecoderException;
import org.imbridge.core.logging.LogContext;
import org.imbridge.msn.protocol.DecoderHarness;
import org.imbridge.msn.protocol.MsnpCommand;

/**
 * What a malicious notification server can send, through the client's decoder and into a logged-in
 * session: valid server lines, mutated and cut at random points. Only protocol errors may result
 * (never another exception reaching the handler's "failed to process" path), and a protocol error
 * closes the connection.
 */
class ServerInputProperties {

    private static final List<String> SERVER_LINES = List.of(
            "ILN 6 NLN bob@hotmail.com Bob", "NLN AWY bob@hotmail.com Bob%20B", "FLN bob@hotmail.com",
            "CHG 0 NLN", "ADD 0 RL 12 carol@hotmail.com Carol", "ADD 0 FL 12 carol@hotmail.com Carol 0",
            "REM 0 RL 13 carol@hotmail.com", "REA 0 14 bob@hotmail.com Bobby", "LST 5 FL 1 1 1 bob@hotmail.com Bob 0",
            "LSG 5 1 1 1 0 Friends 0", "ADG 0 15 Work 1 0", "RMG 0 16 1", "REG 0 17 1 Mates 0", "GTC 0 18 N",
            "BLP 0 19 BL", "PRP 0 20 PHH 123", "BPR 21 bob@hotmail.com PHH 555", "BPR 21 PHH 555",
            "CHL 0 15570131571988941333", "QNG 50", "RNG 1234 127.0.0.1:1864 CKI 849102291.520491113 bob@hotmail.com Bob",
            "XFR 0 NS 127.0.0.1:1863 0 127.0.0.1:1863", "OUT OTH", "SYN 7 22", "911 5", "QRY 9",
            "MSG Hotmail Hotmail 75\r\nMIME-Version: 1.0\r\nContent-Type: text/x-msmsgsprofile; charset=UTF-8\r\n\r\n",
            "NOT 20\r\n<NOTIFICATION id=\"1\"/>  ");

    private static final MsnClient CLIENT = new MsnClient(MsnClientConfig.builder().ioProcessors(1).build());

    @AfterContainer
    static void closeClient() {
        CLIENT.close();
    }

    @Property(tries = 1000)
    void mutatedAndSplitServerInputOnlyEverCausesProtocolErrors(
            @ForAll("serverLines") @Size(min = 1, max = 8) List<String> lines,
            @ForAll @Size(max = 6) List<Integer> positions, @ForAll @Size(min = 6, max = 6) List<Byte> values,
            @ForAll @Size(max = 6) List<Integer> cutSeeds) throws Exception {
        byte[] wire = String.join("", lines.stream().map(l -> l.contains("\r\n") ? l : l + "\r\n").toList())
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < positions.size(); i++) {
            wire[Math.floorMod(positions.get(i), wire.length)] = values.get(i);
        }
        int[] cuts = cutSeeds.stream().mapToInt(s -> Math.floorMod(s, wire.length + 1)).sorted().distinct().toArray();

        try (CapturedLogs logs = CapturedLogs.of(ClientIoHandler.class.getName(), MsnpLink.class.getName())) {
            DummySession session = new DummySession();
            NotificationConnection ns = loggedIn(session);
            ClientIoHandler handler = new ClientIoHandler();
            DecoderHarness decoder = DecoderHarness.fromServer();
            int from = 0;
            boolean decoderFailed = false;
            for (int cut : append(cuts, wire.length)) {
                List<MsnpCommand> commands;
                try {
                    commands = decoder.feed(Arrays.copyOfRange(wire, from, cut));
                } catch (ProtocolDecoderException e) {
                    handler.exceptionCaught(session, e);
                    decoderFailed = true;
                    break;
                }
                for (MsnpCommand cmd : commands) {
                    handler.messageReceived(session, cmd);
                }
                from = cut;
            }

            assertThat(logs.lines()).extracting(CapturedLogs.Line::message)
                    .noneMatch(m -> m.contains("failed to process") || m.contains("unexpected error"));
            boolean protocolError = decoderFailed
                    || logs.lines().stream().anyMatch(l -> l.message().contains("protocol error"));
            if (protocolError) {
                assertThat(ns.isCloseRequested()).as("a protocol error closes the connection").isTrue();
            }
        }
    }

    /** Found by the property above: a BPR or PRP line that ends before its key is ignored, not a crash. */
    @Example
    void phoneLinesWithoutTheirKeyAreIgnored() throws Exception {
        try (CapturedLogs logs = CapturedLogs.of(ClientIoHandler.class.getName(), MsnpLink.class.getName())) {
            DummySession session = new DummySession();
            NotificationConnection ns = loggedIn(session);
            ClientIoHandler handler = new ClientIoHandler();
            for (MsnpCommand cmd : DecoderHarness.fromServer().feed(
                    "BPR 21 555\r\nBPR 21 bob@hotmail.com\r\nPRP 0 20\r\n".getBytes(StandardCharsets.UTF_8))) {
                handler.messageReceived(session, cmd);
            }

            assertThat(logs.lines()).extracting(CapturedLogs.Line::message)
                    .noneMatch(m -> m.contains("failed to process") || m.contains("protocol error"));
            assertThat(ns.isCloseRequested()).isFalse();
        }
    }

    private static NotificationConnection loggedIn(DummySession session) {
        NotificationConnection ns = new NotificationConnection(CLIENT, "alice@hotmail.com", new RecordingListener(),
                new TrIdCounter(), LogContext.EMPTY,
                new ReferralPolicy(new InetSocketAddress("127.0.0.1", 1863), ReferralAllowList.NONE), false);
        session.setAttribute(MsnpLink.LINK, ns);
        ns.attach(session);
        ns.negotiated(7);
        ns.loggedIn("alice@hotmail.com", "Alice");
        ns.listReady(ns.contactList());
        ns.establish();
        return ns;
    }

    private static int[] append(int[] cuts, int last) {
        int[] all = Arrays.copyOf(cuts, cuts.length + 1);
        all[cuts.length] = last;
        return all;
    }

    @Provide
    Arbitrary<List<String>> serverLines() {
        return Arbitraries.of(SERVER_LINES).list();
    }
}
