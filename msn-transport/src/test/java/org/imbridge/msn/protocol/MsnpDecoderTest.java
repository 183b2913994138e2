package org.imbridge.msn.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MsnpDecoderTest {

    private static final String QRY = "QRY 10 msmsgs@msnmsgr.com 32\r\n0212eaad0876afb8505859ca75d21a78";

    @Test
    void decodesEveryCutOfTwoCommandsInOneStream() throws Exception {
        byte[] wire = (QRY + "CHG 11 NLN\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int cut = 0; cut <= wire.length; cut++) {
            List<MsnpCommand> out = DecoderHarness.fromClient().feedSplit(wire, cut);
            assertThat(out).as("cut at %d", cut).containsExactly(
                    MsnpCommand.withPayload("QRY", "0212eaad0876afb8505859ca75d21a78".getBytes(StandardCharsets.US_ASCII),
                            "10", "msmsgs@msnmsgr.com"),
                    MsnpCommand.of("CHG", 11, "NLN"));
        }
    }

    @Test
    void decodesByteByByte() throws Exception {
        byte[] wire = ("MSG bob@hotmail.com Bob 151\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] payload = TestVectors.payload("bob_reply_utf8");
        byte[] all = concat(wire, payload);
        DecoderHarness harness = DecoderHarness.fromServer();
        List<MsnpCommand> out = new ArrayList<>();
        for (byte b : all) {
            out.addAll(harness.feed(new byte[] {b}));
        }
        assertThat(out).hasSize(1);
        assertThat(out.get(0).params()).containsExactly("bob@hotmail.com", "Bob");
        assertThat(out.get(0).payload()).isEqualTo(payload);
    }

    @Test
    void serverQryAcknowledgementHasNoPayload() throws Exception {
        assertThat(DecoderHarness.fromServer().feed(bytes("QRY 10\r\n")))
                .containsExactly(MsnpCommand.of("QRY", 10));
    }

    @Test
    void errorRepliesAreCommandsWithNumericNames() throws Exception {
        MsnpCommand error = DecoderHarness.fromServer().feed(bytes("911 7\r\n")).get(0);
        assertThat(error.isError()).isTrue();
        assertThat(error.errorCode()).isEqualTo(911);
        assertThat(error.trId()).isEqualTo(7);
        assertThat(MsnpError.fromCode(error.errorCode())).isEqualTo(MsnpError.AUTHENTICATION_FAILED);
    }

    @Test
    void emptyPayloadIsLegal() throws Exception {
        MsnpCommand msg = DecoderHarness.fromClient().feed(bytes("MSG 4 N 0\r\nCHG 5 NLN\r\n")).get(0);
        assertThat(msg.hasPayload()).isTrue();
        assertThat(msg.payloadLength()).isZero();
    }

    @Test
    void nonAsciiParametersAreUtf8() throws Exception {
        MsnpCommand iln = DecoderHarness.fromServer().feed(bytes("ILN 9 NLN bob@hotmail.com Bøb\r\n")).get(0);
        assertThat(iln.param(3)).isEqualTo("Bøb");
    }

    @Test
    void asciiAndNonAsciiLinesInTurnDecodeAlike() throws Exception {
        List<MsnpCommand> lines = DecoderHarness.fromServer().feed(bytes(
                "ILN 9 NLN bob@hotmail.com Bøb\r\nILN 10 NLN al@hotmail.com Al\r\n"
                        + "ILN 11 NLN zoe@hotmail.com Zoë☺\r\n"));

        assertThat(lines).extracting(c -> c.param(3)).containsExactly("Bøb", "Al", "Zoë☺");
        assertThat(lines).extracting(c -> c.params().size()).containsOnly(4);
    }

    @Test
    void controlCharactersInsideAParameterAreRefused() {
        assertMalformed("CHG 1 N\tLN\r\n", "empty or malformed parameter");
        assertMalformed("CHG 1 N\rLN\r\n", "empty or malformed parameter");
    }

    @Test
    void rejectsAPayloadOverTheLimitBeforeBufferingIt() {
        DecoderHarness sb = DecoderHarness.fromClient();
        assertThatThrownBy(() -> sb.feed(bytes("MSG 10 N 1700\r\n")))
                .isInstanceOf(MsnpProtocolException.class)
                .hasMessageContaining("1700 bytes exceeds the limit of 1664");
    }

    @Test
    void rejectsAnOverlongLineEvenWithoutCrlf() {
        DecoderHarness h = DecoderHarness.fromClient();
        assertThatThrownBy(() -> h.feed(bytes("CHG " + "x".repeat(5000))))
                .isInstanceOf(MsnpProtocolException.class)
                .hasMessageContaining("line longer than 2048 bytes");
    }

    @Test
    void rejectsMalformedLines() {
        assertMalformed("chg 1 NLN\r\n", "malformed command name");
        assertMalformed("CHG 1 NLN\n", "CRLF");
        assertMalformed("CHG  1 NLN\r\n", "empty or malformed parameter");
        assertMalformed("CHG 1 NLN \r\n", "empty or malformed parameter");
        assertMalformed("\r\n", "malformed command name");
        assertMalformed("MSG 1 N -5\r\n", "not a number");
        assertMalformed("MSG 1 N 99999999999\r\n", "not a number");
        assertMalformed("MSG\r\n", "without a payload length");
    }

    @Test
    void rejectsInvalidUtf8() {
        DecoderHarness h = DecoderHarness.fromServer();
        assertThatThrownBy(() -> h.feed(new byte[] {'N', 'L', 'N', ' ', (byte) 0xC3, '\r', '\n'}))
                .isInstanceOf(MsnpProtocolException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void encoderRefusesParametersThatWouldBreakTheLine() {
        assertThatThrownBy(() -> MsnpCommand.of("REA", 1, "a@b.c", "two words"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsnpCommand.of("REA", 1, "a@b.c", "x\r\nOUT"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsnpCommand.of("msg")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encoderWritesThePayloadLengthInBytes() {
        byte[] payload = "ça ☺".getBytes(StandardCharsets.UTF_8);
        byte[] wire = MsnpEncoder.toBytes(MsnpCommand.withPayload("MSG", payload, 3, "A"));
        assertThat(new String(wire, StandardCharsets.UTF_8)).isEqualTo("MSG 3 A 7\r\nça ☺");
    }

    private static void assertMalformed(String line, String message) {
        DecoderHarness h = DecoderHarness.fromClient();
        assertThatThrownBy(() -> h.feed(bytes(line)))
                .as(line)
                .isInstanceOf(MsnpProtocolException.class)
                .hasMessageContaining(message);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
