package org.imbridge.msn.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.imbridge.msn.protocol.MimeMessage;
import org.junit.jupiter.api.Test;

class FileInvitationTest {

    private static final String INVITE = "Application-Name: File Transfer\r\n"
            + "Application-GUID: {5D3E02AB-6190-11d3-BBBB-00C04F795683}\r\n"
            + "Invitation-Command: INVITE\r\n"
            + "Invitation-Cookie: 28510\r\n"
            + "Application-File: photo.jpg\r\n"
            + "Application-FileSize: 40960\r\n"
            + "\r\n";

    @Test
    void parsesAnInviteAsTheOfficialClientSendsIt() throws Exception {
        FileInvitation inv = FileInvitation.parse(INVITE);

        assertThat(inv.command()).isEqualTo(InvitationCommand.INVITE);
        assertThat(inv.cookie()).isEqualTo(28510);
        assertThat(inv.fileName()).isEqualTo("photo.jpg");
        assertThat(inv.fileSize()).isEqualTo(40960);
        assertThat(inv.hasAddress()).isFalse();
    }

    @Test
    void rendersAnInviteInTheOfficialOrder() {
        assertThat(FileInvitation.invite(28510, "photo.jpg", 40960).toBody()).isEqualTo(INVITE);
    }

    @Test
    void roundTripsEveryKind() throws Exception {
        for (FileInvitation inv : new FileInvitation[] {
                FileInvitation.invite(FileInvitation.MAX_COOKIE, "ünïcode name.txt", Long.MAX_VALUE),
                FileInvitation.invite(0, "empty", 0),
                FileInvitation.acceptRequest(7),
                FileInvitation.acceptWithAddress(7, "192.168.0.10", 6891, 123456789),
                FileInvitation.cancel(7, CancelCode.REJECT),
                FileInvitation.cancel(7, CancelCode.OUTBANDCANCEL)}) {
            assertThat(FileInvitation.parse(inv.toBody())).isEqualTo(inv);
        }
    }

    @Test
    void receiverAcceptAsksForTheAddress() throws Exception {
        String body = FileInvitation.acceptRequest(99).toBody();

        assertThat(body).isEqualTo("Invitation-Command: ACCEPT\r\nInvitation-Cookie: 99\r\n"
                + "Launch-Application: FALSE\r\nRequest-Data: IP-Address:\r\n\r\n");
        assertThat(FileInvitation.parse(body).hasAddress()).isFalse();
    }

    @Test
    void senderAcceptCarriesAddressPortAndAuthCookie() throws Exception {
        FileInvitation inv = FileInvitation.parse("Invitation-Command: ACCEPT\r\nInvitation-Cookie: 99\r\n"
                + "IP-Address: 10.0.0.5\r\nPort: 6891\r\nAuthCookie: 4242\r\nLaunch-Application: FALSE\r\n"
                + "Request-Data: IP-Address:\r\n\r\n");

        assertThat(inv.hasAddress()).isTrue();
        assertThat(inv.ipAddress()).isEqualTo("10.0.0.5");
        assertThat(inv.port()).isEqualTo(6891);
        assertThat(inv.authCookie()).isEqualTo(4242);
        assertThat(inv.toString()).doesNotContain("4242");
    }

    @Test
    void cancelCodesAreParsedLeniently() throws Exception {
        FileInvitation known = FileInvitation.parse("Invitation-Command: CANCEL\r\nInvitation-Cookie: 5\r\n"
                + "Cancel-Code: ftTimeout\r\n");
        FileInvitation unknown = FileInvitation.parse("Invitation-Command: CANCEL\r\nInvitation-Cookie: 5\r\n"
                + "Cancel-Code: SOMETHING_NEW\r\n");
        FileInvitation none = FileInvitation.parse("Invitation-Command: CANCEL\r\nInvitation-Cookie: 5\r\n");

        assertThat(known.cancelCode()).isEqualTo(CancelCode.FTTIMEOUT);
        assertThat(unknown.cancelCode()).isEqualTo(CancelCode.OTHER);
        assertThat(unknown.cancelCodeText()).isEqualTo("SOMETHING_NEW");
        assertThat(none.cancelCode()).isEqualTo(CancelCode.OTHER);
    }

    @Test
    void travelsAsAnMsgPayload() throws Exception {
        FileInvitation inv = FileInvitation.invite(3, "a.txt", 12);
        MimeMessage msg = MimeMessage.parse(payload(inv.toMessage()));

        assertThat(msg.contentType()).isEqualTo("text/x-msmsgsinvite");
        assertThat(msg.bodyField("Invitation-Cookie")).isEqualTo("3");
        assertThat(FileInvitation.fromMessage(msg)).isEqualTo(inv);
    }

    private static byte[] payload(MimeMessage m) {
        StringBuilder head = new StringBuilder();
        m.headers().forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = m.body();
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    @Test
    void refusesAMissingCookie() {
        assertThatThrownBy(() -> FileInvitation.parse(INVITE.replace("Invitation-Cookie: 28510\r\n", "")))
                .isInstanceOf(InvalidInvitationException.class).hasMessageContaining("no Invitation-Cookie");
    }

    @Test
    void refusesACookieOutOfRange() {
        assertThatThrownBy(() -> FileInvitation.parse(INVITE.replace("28510", "4294967296")))
                .isInstanceOf(InvalidInvitationException.class).hasMessageContaining("out of range");
    }

    @Test
    void refusesHugeOrBadSizes() {
        assertThatThrownBy(() -> FileInvitation.parse(INVITE.replace("40960", "9".repeat(500))))
                .isInstanceOf(InvalidInvitationException.class);
        assertThatThrownBy(() -> FileInvitation.parse(INVITE.replace("40960", "9223372036854775808")))
                .isInstanceOf(InvalidInvitationException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> FileInvitation.parse(INVITE.replace("40960", "-1")))
                .isInstanceOf(InvalidInvitationException.class);
        assertThatThrownBy(() -> FileInvitation.parse(INVITE.replace("40960", "1e9")))
                .isInstanceOf(InvalidInvitationException.class);
    }

    @Test
    void refusesAnUnknownCommandAndAnotherApplication() {
        assertThatThrownBy(() -> FileInvitation.parse(INVITE.replace("INVITE", "EXPLODE")))
                .isInstanceOf(InvalidInvitationException.class).hasMessageContaining("unknown Invitation-Command");
        assertThatThrownBy(() -> FileInvitation.parse(INVITE.replace("5D3E02AB", "44BBA842")))
                .isInstanceOf(InvalidInvitationException.class).hasMessageContaining("not a file transfer");
    }

    @Test
    void refusesA10kBFileNameAndOversizedBodies() {
        assertThatThrownBy(() -> FileInvitation.parse(INVITE.replace("photo.jpg", "x".repeat(10_000))))
                .isInstanceOf(InvalidInvitationException.class).hasMessageContaining("longer than");
        assertThatThrownBy(() -> FileInvitation.parse(INVITE.replace("photo.jpg", "x".repeat(300))))
                .isInstanceOf(InvalidInvitationException.class).hasMessageContaining("Application-File");
        assertThatThrownBy(() -> FileInvitation.parse(manyFields(40) + INVITE))
                .isInstanceOf(InvalidInvitationException.class).hasMessageContaining("fields");
    }

    private static String manyFields(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("X-Field-").append(i).append(": 1\r\n");
        }
        return b.toString();
    }

    @Test
    void refusesDuplicatedFieldsAndLinesWithoutName() {
        assertThatThrownBy(() -> FileInvitation.parse(INVITE + "Invitation-Cookie: 1\r\n"))
                .isInstanceOf(InvalidInvitationException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> FileInvitation.parse(INVITE + "garbage\r\n"))
                .isInstanceOf(InvalidInvitationException.class);
    }

    @Test
    void refusesABadSenderAddress() {
        assertThatThrownBy(() -> FileInvitation.parse("Invitation-Command: ACCEPT\r\nInvitation-Cookie: 1\r\n"
                + "IP-Address: evil.example.org\r\nPort: 6891\r\nAuthCookie: 1\r\n"))
                .isInstanceOf(InvalidInvitationException.class).hasMessageContaining("IPv4");
        assertThatThrownBy(() -> FileInvitation.parse("Invitation-Command: ACCEPT\r\nInvitation-Cookie: 1\r\n"
                + "IP-Address: 1.2.3.4\r\nPort: 70000\r\nAuthCookie: 1\r\n"))
                .isInstanceOf(InvalidInvitationException.class).hasMessageContaining("Port");
    }

    @Test
    void refusesToBuildNamesThatWouldInjectFields() {
        assertThatThrownBy(() -> FileInvitation.invite(1, "a.txt\r\nInvitation-Command: CANCEL", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileInvitation.invite(1, "x".repeat(256), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileInvitation.invite(1, "a", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileInvitation.invite(-1, "a", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sanitisedNamesCanBeSentAndSaved() throws Exception {
        String safe = FileInvitation.sanitizeFileName("C:\\Users\\x\\..\\evil\r\nInvitation-Command: CANCEL.txt");

        assertThat(safe).doesNotContain("\r", "\n", "\\", "/", ":");
        assertThat(FileInvitation.parse(FileInvitation.invite(1, safe, 1).toBody()).fileName()).isEqualTo(safe);
    }

    @Test
    void safeFileNameStripsPathsAndControlCharacters() throws Exception {
        FileInvitation inv = FileInvitation.parse(INVITE.replace("photo.jpg", "../../etc/pass\u0007wd\u202E"));

        assertThat(inv.safeFileName()).isEqualTo("passwd");
        assertThat(FileInvitation.sanitizeFileName("..")).isEqualTo("file");
        assertThat(FileInvitation.sanitizeFileName("dir/")).isEqualTo("file");
        assertThat(FileInvitation.sanitizeFileName("a<b>?.txt")).isEqualTo("a_b__.txt");
        assertThat(FileInvitation.sanitizeFileName("é".repeat(400))).hasSize(FileInvitation.MAX_FILE_NAME);
    }
}
