package org.imbridge.msn.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every wire line of the seed article ({@code shared/seed/msn-protocol-article.txt}) decodes into one
 * command and re-encodes to exactly the same bytes, in the direction it was sent.
 *
 * <p>Where the article garbles a line it is kept as printed when it is still syntactically MSNP
 * ({@code NLN 10NLN …}); the one line the article runs into its neighbour (the RL entries 7 and 8) is
 * split. Payloads are the article's text with CRLF line ends. Two payloads are reconstructed: the
 * profile (the article's "lang _preference" and "PostalCode:" have OCR damage; with
 * {@code lang_preference: 103} and the trailing space of an empty {@code PostalCode: } the stated 362
 * bytes come out exactly), and the initial e-mail notice, whose stated 223 bytes come out with the
 * blank line between headers and body fields and a final blank line (docs/msnp.md §3.5). The typing
 * notice is printed with 92 bytes of text but announced as 100; it is tested with its real 92 bytes.
 */
class SeedTranscriptTest {

    private static final MsnpDirection C = MsnpDirection.CLIENT_TO_SERVER;
    private static final MsnpDirection S = MsnpDirection.SERVER_TO_CLIENT;

    private static final String HELLO = "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "X-MMS-IM-Format: FN=Microsoft%20Sans%20Serif; EF=; CO=0; CS=0; PF=22\r\n"
            + "\r\n"
            + "hello";
    private static final String TYPING = "MIME-Version: 1.0\r\n"
            + "Content-Type: text/x-msmsgscontrol\r\n"
            + "TypingUser: deaxxxx@hotmail.com\r\n"
            + "\r\n"
            + "\r\n";
    private static final String PROFILE = "MIME-Version: 1.0\r\n"
            + "Content-Type: text/x-msmsgsprofile; charset=UTF-8\r\n"
            + "LoginTime: 1011252477\r\n"
            + "EmailEnabled: 1\r\n"
            + "MemberIdHigh: 84736\r\n"
            + "MemberIdLow: -1434729391\r\n"
            + "lang_preference: 103\r\n"
            + "preferredEmail: venky_dude@hotmail.com\r\n"
            + "country: IN\r\n"
            + "PostalCode: \r\n"
            + "Gender: M\r\n"
            + "Kid: 0\r\n"
            + "Age: 22\r\n"
            + "sid: 517\r\n"
            + "kv: 2\r\n"
            + "MSPAuth: 2AAAAAAAADU0p4uxxxJtDJozJSlUTS0i7YpwnC9PUHRv56YKxxxCTWmg$$\r\n"
            + "\r\n";
    private static final String INITIAL_EMAIL = "MIME-Version: 1.0\r\n"
            + "Content-Type: text/x-msmsgsinitialemailnotification; charset=UTF-8\r\n"
            + "\r\n"
            + "Inbox-Unread: 293\r\n"
            + "Folders-Unread: 0\r\n"
            + "Inbox-URL: /cgi-bin/HoTMaiL\r\n"
            + "Folders-URL: /cgi-bin/folders\r\n"
            + "Post-URL: http://www.hotmail.com\r\n"
            + "\r\n";

    static Stream<Arguments> seedLines() {
        return Stream.of(
                line(C, "VER 0 MSNP7 MSNP6 MSNP5 MSNP4 CVRO"),
                line(S, "VER 0 MSNP7 MSNP6 MSNP5 MSNP4"),
                line(C, "INF 1"),
                line(S, "INF 1 MD5"),
                line(C, "USR 2 MD5 I venky_dude@hotmail.com"),
                line(S, "XFR 2 NS 64.4.13.55:1863 0"),
                line(C, "VER 3 MSNP7 MSNP6 MSNP5 MSNP4 CVRO"),
                line(S, "VER 3 MSNP7 MSNP6 MSNP5 MSNP4"),
                line(C, "INF 4"),
                line(S, "INF 4 MD5"),
                line(C, "USR 5 MD5 I venky_dude@hotmail.com"),
                line(S, "USR 5 MD5 S 989048851.1851137130"),
                line(C, "USR 6 MD5 S 3b7926d277068ec49576a0c40598ff21"),
                line(S, "USR 6 OK venky_dude@hotmail.com venkat"),
                payload(S, "MSG Hotmai Hotmail 362", PROFILE),
                line(C, "CHG 7 NLN"),
                line(S, "CHG 7 NLN"),
                line(S, "ILN 7 NLN btxxxe@hotmail.com nick"),
                line(S, "ILN 7 AWY wmpyxxx@msn.com mike"),
                line(S, "ILN 7 BSY tehpxxpxx@hotmail.com yeaxxx"),
                payload(S, "MSG Hotmail Hotmail 223", INITIAL_EMAIL),
                line(C, "CVR 8 0x0409 win 4.10 i386 MSMSGS 4.5.0127 MSMSGS"),
                line(S, "CVR 8 4.5.0127 4.5.0127 1.0.0863 http://download.microsoft.com/download/msnmessenger/"
                        + "install/4.5/win98me/en-us/mmssetup.exe http://messenger.microsoft.com"),
                line(C, "LST 9 RL"),
                line(S, "LST 9 RL 69 1 19 venky_dude@hotmail.com venkat"),
                line(S, "LST 9 RL 69 2 19 puxxxxx@hotmail.com PUJA"),
                line(S, "LST 9 RL 69 3 19 vancxxxxx@hotmail.com ramachandran"),
                line(S, "LST 9 RL 69 4 19 moxxxxx@hotmail.com chandramouli"),
                line(S, "LST 9 RL 69 5 19 v_n_xxxxx@hotmail.com Narayanaswamy"),
                line(S, "LST 9 RL 69 6 19 dexxxxx@hotmail.com Venkatesh"),
                line(S, "LST 9 RL 69 7 19 lousydxxxxx@hotmail.com deepika%20kalyani%20Vairam"),
                line(S, "LST 9 RL 69 8 19 hexxxxxr@hotmail.com Hetchar%20Ramachandran"),
                line(S, "LST 9 RL 69 9 19 ambxxxxx@hotmail.com Aiyer"),
                line(S, "LST 9 RL 69 10 19 suxxx@hotmail.com Ganesh"),
                line(S, "LST 9 RL 69 11 19 deexxxxx@hotmail.com Deepak"),
                line(S, "LST 9 RL 69 12 19 anilxxxxx@hotmail.com anil"),
                line(S, "LST 9 RL 69 13 19 dixxxxx@hotmail.com <Diamond>"),
                line(S, "LST 9 RL 69 14 19 nvxxxx@hotmail.com giri"),
                line(S, "LST 9 RL 69 15 19 shxxx@hotmail.com Hari"),
                line(S, "LST 9 RL 69 16 19 radhikashuxxxxx@hotmail.com radhika"),
                line(S, "LST 9 RL 69 17 19 eskaxxxxx@hotmail.com kannan"),
                line(S, "LST 9 RL 69 18 19 shaxxxxx@hotmail.com Shankar"),
                line(S, "LST 9 RL 69 19 19 puneetagarxxxxx@hotmail.com puneet"),
                line(S, "NLN 10NLN deaxxxx@hotmail.com Venkatesh"),
                line(S, "FLN 10 FLN deaxxxx@hotmail.com"),
                line(S, "CHL 0 20881396011366812350"),
                payload(C, "QRY 18 msmsgs@msnmsgr.com 32", "0212eaad0876afb8505859ca75d21a78"),
                line(S, "QRY 18"),
                line(C, "XFR 9 SB"),
                line(S, "XFR 9 SB 64.4.13.88:1863 CKI 989487642.2070896604"),
                line(C, "USR 1 venky_dude@hotmail.com 989487642.2070896604"),
                line(S, "USR 1 OK venky_dude@hotmail.com venkat"),
                line(C, "CAL 2 deadxxx@hotmail.com"),
                line(S, "CAL 2 RINGING 11717653"),
                line(S, "JOI deadlee@hotmail.com Venkatesh"),
                line(S, "RNG 11742066 64.4.13.74:1863 CKI 989495494.750408580 deaxxxx@hotmail.com Venkatesh"),
                line(C, "ANS 1 venky_dude@hotmail.com 989495494.750408580 11742066"),
                line(S, "IRO 1 1 1 deaxxxx@hotmail.com Venkatesh"),
                line(S, "ANS 1 OK"),
                payload(C, "MSG 2 N 137", HELLO),
                payload(S, "MSG deaxxxx@hotmail.com Venkatesh 137", HELLO),
                payload(S, "MSG deaxxxx@hotmail.com Venkatesh 92", TYPING));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("seedLines")
    void decodesAndReencodesToTheSameBytes(MsnpDirection direction, String line, String payload) throws Exception {
        byte[] wire = (line + "\r\n" + payload).getBytes(StandardCharsets.UTF_8);

        List<MsnpCommand> decoded = new DecoderHarness(direction, MsnpLimits.CLIENT_DEFAULTS).feed(wire);

        assertThat(decoded).hasSize(1);
        MsnpCommand command = decoded.get(0);
        assertThat(command.name()).isEqualTo(line.substring(0, 3));
        assertThat(command.hasPayload()).isEqualTo(!payload.isEmpty());
        assertThat(MsnpEncoder.toBytes(command)).isEqualTo(wire);
    }

    private static Arguments line(MsnpDirection direction, String line) {
        return Arguments.of(direction, line, "");
    }

    private static Arguments payload(MsnpDirection direction, String line, String payload) {
        int stated = Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
        if (stated != payload.getBytes(StandardCharsets.UTF_8).length) {
            throw new IllegalArgumentException("test data: " + line + " but payload has "
                    + payload.getBytes(StandardCharsets.UTF_8).length + " bytes");
        }
        return Arguments.of(direction, line, payload);
    }
}
