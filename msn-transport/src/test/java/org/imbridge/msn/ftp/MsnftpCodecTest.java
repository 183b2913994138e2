package org.imbridge.msn.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MsnftpCodecTest {

    private static MsnftpFrame.Line line(String s) {
        return new MsnftpFrame.Line(s);
    }

    @Test
    void encodesLinesAndBlocksAsOnTheWire() {
        assertThat(MsnftpDecoderHarness.encode(line("VER MSNFTP")))
                .isEqualTo("VER MSNFTP\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(MsnftpDecoderHarness.encode(new MsnftpFrame.DataBlock(new byte[] {7, 8})))
                .containsExactly(0, 2, 0, 7, 8);
        assertThat(MsnftpDecoderHarness.encode(new MsnftpFrame.DataBlock(new byte[2045])))
                .startsWith(0, (byte) 0xFD, 7).hasSize(2048);
        assertThat(MsnftpDecoderHarness.encode(new MsnftpFrame.CancelBlock())).containsExactly(1, 0, 0);
    }

    @Test
    void senderSideDecodesLinesOnly() throws Exception {
        MsnftpDecoderHarness h = new MsnftpDecoderHarness(MsnftpRole.SENDER);

        List<MsnftpFrame> out = h.feed("VER MSNFTP\r\nUSR bob@example.com 1234\r\nTFR\r\n"
                .getBytes(StandardCharsets.US_ASCII));

        assertThat(out).containsExactly(line("VER MSNFTP"), line("USR bob@example.com 1234"), line("TFR"));
        assertThat(out.get(1).toString()).doesNotContain("1234");
    }

    @Test
    void receiverSwitchesToBlocksAfterFil() throws Exception {
        MsnftpDecoderHarness h = new MsnftpDecoderHarness(MsnftpRole.RECEIVER);
        byte[] data = new byte[2045];
        new Random(1).nextBytes(data);
        byte[] wire = concat("VER MSNFTP\r\nFIL 2050\r\n".getBytes(StandardCharsets.US_ASCII),
                MsnftpDecoderHarness.encode(new MsnftpFrame.DataBlock(data),
                        new MsnftpFrame.DataBlock(new byte[] {1, 2, 3, 4, 5}), new MsnftpFrame.CancelBlock()));

        List<MsnftpFrame> out = h.feed(wire);

        assertThat(out).containsExactly(line("VER MSNFTP"), line("FIL 2050"), new MsnftpFrame.DataBlock(data),
                new MsnftpFrame.DataBlock(new byte[] {1, 2, 3, 4, 5}), new MsnftpFrame.CancelBlock());
    }

    @Test
    void fragmentedInputDecodesTheSameByteByByte() throws Exception {
        byte[] data = new byte[3000];
        new Random(2).nextBytes(data);
        byte[] first = java.util.Arrays.copyOf(data, 2045);
        byte[] second = java.util.Arrays.copyOfRange(data, 2045, 3000);
        byte[] wire = concat("VER MSNFTP\r\nFIL 3000\r\n".getBytes(StandardCharsets.US_ASCII),
                MsnftpDecoderHarness.encode(new MsnftpFrame.DataBlock(first), new MsnftpFrame.DataBlock(second)),
                "CCL\r\n".getBytes(StandardCharsets.US_ASCII));

        List<MsnftpFrame> out = new MsnftpDecoderHarness(MsnftpRole.RECEIVER).feedByteByByte(wire);

        assertThat(out).containsExactly(line("VER MSNFTP"), line("FIL 3000"), new MsnftpFrame.DataBlock(first),
                new MsnftpFrame.DataBlock(second), line("CCL"));
    }

    @Test
    void acceptsBareLf() throws Exception {
        assertThat(new MsnftpDecoderHarness(MsnftpRole.SENDER).feed("TFR\n".getBytes(StandardCharsets.US_ASCII)))
                .containsExactly(line("TFR"));
    }

    @Test
    void refusesABlockOver2045Bytes() throws Exception {
        MsnftpDecoderHarness h = receiverInBlocks();

        assertThatThrownBy(() -> h.feed(new byte[] {0, (byte) 0xFE, 7}))
                .isInstanceOf(MsnftpProtocolException.class).hasMessageContaining("2045");
    }

    @Test
    void refusesABadBlockHeaderAtItsFirstByte() throws Exception {
        MsnftpDecoderHarness h = receiverInBlocks();

        assertThatThrownBy(() -> h.feed(new byte[] {5}))
                .isInstanceOf(MsnftpProtocolException.class).hasMessageContaining("first byte 5");
        assertThatThrownBy(() -> receiverInBlocks().feed("CXL\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MsnftpProtocolException.class);
    }

    @Test
    void refusesALineOver1KiB() {
        byte[] longLine = ("USR " + "a".repeat(1100) + "\r\n").getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> new MsnftpDecoderHarness(MsnftpRole.SENDER).feed(longLine))
                .isInstanceOf(MsnftpProtocolException.class).hasMessageContaining("1024");
        assertThatThrownBy(() -> new MsnftpDecoderHarness(MsnftpRole.SENDER).feedByteByByte(
                "x".repeat(1030).getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MsnftpProtocolException.class).hasMessageContaining("1024");
    }

    @Test
    void aLineOfExactly1KiBPasses() throws Exception {
        String text = "x".repeat(1022);

        assertThat(new MsnftpDecoderHarness(MsnftpRole.SENDER).feed((text + "\r\n").getBytes(StandardCharsets.US_ASCII)))
                .containsExactly(line(text));
    }

    @Test
    void framesRefuseWhatCannotBeSent() {
        assertThatThrownBy(() -> line("USR a\r\nCCL")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> line("x".repeat(1023))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MsnftpFrame.DataBlock(new byte[2046])).isInstanceOf(IllegalArgumentException.class);
    }

    private static MsnftpDecoderHarness receiverInBlocks() throws Exception {
        MsnftpDecoderHarness h = new MsnftpDecoderHarness(MsnftpRole.RECEIVER);
        assertThat(h.feed("FIL 10\r\n".getBytes(StandardCharsets.US_ASCII))).hasSize(1);
        return h;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
