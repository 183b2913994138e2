package org.imbridge.msn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.imbridge.msn.client.IncomingContent.Category;
import org.imbridge.msn.protocol.MimeMessage;
import org.junit.jupiter.api.Test;

/** {@link IncomingContent}: what each content type becomes. */
class IncomingContentTest {

    private static MimeMessage message(String contentType, String body) {
        return MimeMessage.of(List.of(Map.entry("MIME-Version", "1.0"), Map.entry("Content-Type", contentType)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static IncomingContent of(String contentType, String body) {
        return IncomingContent.of(message(contentType, body));
    }

    @Test
    void textTypingAndNudge() {
        assertThat(IncomingContent.of(MimeMessage.text("hi")).category()).isEqualTo(Category.TEXT);
        assertThat(of("text/plain", "hi").category()).isEqualTo(Category.TEXT);
        assertThat(IncomingContent.of(MimeMessage.typing("bob@hotmail.com")).category()).isEqualTo(Category.TYPING);
        assertThat(IncomingContent.of(MimeMessage.nudge()).category()).isEqualTo(Category.NUDGE);
        assertThat(new String(MimeMessage.nudge().toBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("MIME-Version: 1.0\r\nContent-Type: text/x-msnmsgr-datacast\r\n\r\nID: 1\r\n\r\n");
    }

    @Test
    void datacastsOtherThanNudgesAreNamed() {
        assertThat(of("text/x-msnmsgr-datacast", "ID: 2\r\nData: wink.cab\r\n\r\n").what()).isEqualTo("a wink");
        assertThat(of("text/x-msnmsgr-datacast", "ID: 3\r\n\r\n").what()).isEqualTo("a voice clip");
        assertThat(of("text/x-msnmsgr-datacast", "ID: 4\r\nData: waves\r\n\r\n").what()).isEqualTo("an action message");
        assertThat(of("text/x-msnmsgr-datacast", "ID: 9\r\n\r\n").what())
                .isEqualTo("something this transport cannot show (text/x-msnmsgr-datacast ID 9)");
        assertThat(of("text/x-msnmsgr-datacast", "ID: 2\r\n\r\n").category()).isEqualTo(Category.UNSUPPORTED);
    }

    @Test
    void fileTransferInvitationsGoToTheApplicationOthersAreNamed() {
        IncomingContent file = of("text/x-msmsgsinvite; charset=UTF-8", "Application-Name: File Transfer\r\n"
                + "Application-GUID: {5D3E02AB-6190-11d3-BBBB-00C04F795683}\r\nInvitation-Command: INVITE\r\n"
                + "Invitation-Cookie: 17\r\nApplication-File: holiday.jpg\r\nApplication-FileSize: 1024\r\n\r\n");
        IncomingContent app = of("text/x-msmsgsinvite; charset=UTF-8",
                "Application-Name: NetMeeting\r\nInvitation-Command: INVITE\r\n\r\n");
        IncomingContent cancel = of("text/x-msmsgsinvite; charset=UTF-8",
                "Invitation-Command: CANCEL\r\nCancel-Code: TIMEOUT\r\n\r\n");

        IncomingContent otherCancel = of("text/x-msmsgsinvite; charset=UTF-8",
                "Application-GUID: {02D3C01F-BF30-4825-A83A-DE7AF41648AA}\r\nInvitation-Command: CANCEL\r\n\r\n");
        IncomingContent accept = of("text/x-msmsgsinvite; charset=UTF-8",
                "Invitation-Command: ACCEPT\r\nInvitation-Cookie: 17\r\nRequest-Data: IP-Address:\r\n\r\n");

        assertThat(file.category()).isEqualTo(Category.INVITATION);
        assertThat(app.category()).isEqualTo(Category.UNSUPPORTED);
        assertThat(app.what()).isEqualTo("an invitation to NetMeeting");
        assertThat(cancel.category()).isEqualTo(Category.INVITATION);
        assertThat(accept.category()).isEqualTo(Category.INVITATION);
        assertThat(otherCancel.category()).isEqualTo(Category.IGNORED);
    }

    @Test
    void whatIsIgnoredOnPurpose() {
        assertThat(of("text/x-mms-emoticon", "(cat)\t{guid}\t").category()).isEqualTo(Category.IGNORED);
        assertThat(of("text/x-mms-animemoticon", "(dog)\t{guid}\t").category()).isEqualTo(Category.IGNORED);
        assertThat(of("text/x-clientcaps", "Client-Name: Gaim/0.79\r\n").category()).isEqualTo(Category.IGNORED);
        assertThat(of("text/x-keepalive", "").category()).isEqualTo(Category.IGNORED);
        assertThat(of("text/x-msmsgscontrol", "\r\n").category()).isEqualTo(Category.IGNORED);
    }

    @Test
    void anythingElseIsAGenericNoticeNamingItsType() {
        IncomingContent ink = of("application/x-ms-ink", "base64:AAAA");
        IncomingContent none = IncomingContent.of(MimeMessage.parse("\r\nbare".getBytes(StandardCharsets.US_ASCII)));

        assertThat(ink.category()).isEqualTo(Category.UNSUPPORTED);
        assertThat(ink.what()).isEqualTo("something this transport cannot show (application/x-ms-ink)");
        assertThat(none.what()).isEqualTo("something this transport cannot show (no content type)");
        assertThat(ink.kind()).isNotEqualTo(none.kind());
    }

    @Test
    void aLongFileNameIsShortened() {
        String name = "x".repeat(500) + ".txt";
        IncomingContent file = of("text/x-msmsgsinvite", "Invitation-Command: INVITE\r\nApplication-File: " + name + "\r\n\r\n");

        assertThat(file.what()).hasSize(IncomingContent.MAX_PHRASE).startsWith("a file (xxx").endsWith("…");
    }
}
