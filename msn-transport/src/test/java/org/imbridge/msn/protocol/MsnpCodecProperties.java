package org.imbridge.msn.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import org.apache.mina.filter.codec.ProtocolDecoderException;

class MsnpCodecProperties {

    @Property(tries = 500)
    void anyCommandSequenceSurvivesRandomSplits(@ForAll("clientCommands") @Size(min = 1, max = 6) List<MsnpCommand> commands,
                                                @ForAll("cutSeeds") List<Integer> cutSeeds) throws Exception {
        byte[] wire = encodeAll(commands);
        int[] cuts = cutSeeds.stream().mapToInt(s -> Math.floorMod(s, wire.length + 1)).sorted().distinct().toArray();

        List<MsnpCommand> decoded = DecoderHarness.fromClient().feedSplit(wire, cuts);

        assertThat(decoded).containsExactlyElementsOf(commands);
    }

    @Property(tries = 1000)
    void randomBytesOnlyEverRaiseProtocolErrors(@ForAll @Size(max = 3000) byte[] junk) {
        feedExpectingOnlyProtocolErrors(junk);
    }

    @Property(tries = 1000)
    void mutatedCommandsOnlyEverRaiseProtocolErrors(@ForAll("clientCommands") @Size(min = 1, max = 4) List<MsnpCommand> commands,
                                                    @ForAll @Size(min = 1, max = 8) List<Integer> positions,
                                                    @ForAll @Size(min = 8, max = 8) List<Byte> values) {
        byte[] wire = encodeAll(commands);
        for (int i = 0; i < positions.size(); i++) {
            wire[Math.floorMod(positions.get(i), wire.length)] = values.get(i);
        }
        feedExpectingOnlyProtocolErrors(wire);
    }

    private static void feedExpectingOnlyProtocolErrors(byte[] bytes) {
        for (MsnpDirection direction : MsnpDirection.values()) {
            DecoderHarness harness = new DecoderHarness(direction, MsnpLimits.SERVER_DEFAULTS);
            int from = 0;
            while (from < bytes.length) {
                int to = Math.min(bytes.length, from + 1 + (from * 31 % 97));
                try {
                    harness.feed(Arrays.copyOfRange(bytes, from, to));
                } catch (ProtocolDecoderException expected) {
                    break; // a real connection closes here
                } catch (Exception e) {
                    throw new AssertionError("decoder let " + e + " escape", e);
                }
                from = to;
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> cutSeeds() {
        return Arbitraries.integers().list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<MsnpCommand>> clientCommands() {
        return Arbitraries.oneOf(lineCommands(), payloadCommands(), errorReplies()).list();
    }

    private static Arbitrary<MsnpCommand> lineCommands() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('A', 'Z').ofLength(3)
                .filter(n -> !MsnpDirection.CLIENT_TO_SERVER.isPayloadCommand(n));
        return Combinators.combine(name, params()).as((n, p) -> MsnpCommand.of(n, p.toArray()));
    }

    private static Arbitrary<MsnpCommand> payloadCommands() {
        Arbitrary<String> name = Arbitraries.of("MSG", "QRY", "SDC", "PAG");
        Arbitrary<byte[]> payload = Arbitraries.bytes().array(byte[].class).ofMaxSize(MsnpLimits.SWITCHBOARD_MAX_PAYLOAD);
        return Combinators.combine(name, params(), payload).as((n, p, b) -> MsnpCommand.withPayload(n, b, p.toArray()));
    }

    private static Arbitrary<MsnpCommand> errorReplies() {
        return Combinators.combine(Arbitraries.integers().between(100, 999), Arbitraries.longs().between(0, 0xFFFF_FFFFL))
                .as((code, trId) -> MsnpCommand.of(String.valueOf(code), trId));
    }

    /** Parameters: any printable text without spaces (raw UTF-8 too), as URL-encoding leaves them. */
    private static Arbitrary<List<String>> params() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(20)
                        .filter(s -> s.chars().allMatch(c -> c > 0x20 && c < 0x7f)),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12).map(MsnpNames::encode),
                Arbitraries.strings().withChars("éøж漢☺").ofMinLength(1).ofMaxLength(6));
        return token.list().ofMaxSize(6);
    }

    private static byte[] encodeAll(List<MsnpCommand> commands) {
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (MsnpCommand c : commands) {
            byte[] b = MsnpEncoder.toBytes(c);
            parts.add(b);
            total += b.length;
        }
        byte[] wire = new byte[total];
        int at = 0;
        for (byte[] b : parts) {
            System.arraycopy(b, 0, wire, at, b.length);
            at += b.length;
        }
        return wire;
    }
}
