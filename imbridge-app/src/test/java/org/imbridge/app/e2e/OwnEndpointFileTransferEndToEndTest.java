package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.imbridge.msn.ftp.InvitationCommand;
import org.imbridge.msn.ftp.MsnftpSender;
import org.imbridge.msn.ftp.PortRange;
import org.imbridge.msn.plugin.MsnPluginSettings;
import org.imbridge.msn.plugin.files.FileTransferSettings;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.prosody.PrivateProsody;
import org.imbridge.xmpp.files.oob.OutOfBandData;
import org.imbridge.xmpp.files.share.FileShareConfig;
import org.imbridge.xmpp.files.share.FileShareServer;
import org.imbridge.xmpp.files.temp.TransferDirectory;
import org.imbridge.xmpp.gateway.files.FileTransferOptions;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.Jid;

/**
 * A server without an upload service: a contact's file is served by the transport's own HTTP endpoint,
 * and the endpoint deletes what it served when the transport stops.
 */
class OwnEndpointFileTransferEndToEndTest {

    @Test
    void withoutAnUploadServiceTheFileIsServedByTheTransportItself(@TempDir Path dir) throws Exception {
        TransferDirectory directory = TransferDirectory.open(dir.resolve("transfers"));
        FileShareServer share = FileShareServer.start(FileShareConfig.local(100, 64L * 1024 * 1024));
        FileTransferOptions files = new FileTransferOptions(directory, FileTransferOptions.DEFAULT_MAX_BYTES, 2, null,
                share, Duration.ofHours(1), Set.of(), false, Duration.ofSeconds(30));
        MsnPluginSettings plugin = MsnPluginSettings.defaults().withFiles(FileTransferSettings.defaults()
                .withBind(java.net.InetAddress.getLoopbackAddress()).withAdvertisedHost("127.0.0.1")
                .withPorts(PortRange.ANY));
        String url;
        Path file = FileExchange.randomFile(dir.resolve("song.mp3"), 1024 * 1024 + 7);
        try (BridgeHarness bridge = new BridgeHarness(XmppServer.of(PrivateProsody.builder().start()), List.of(
                AccountSpec.of("r1@hotmail.com", "pw", "Romeo").withContacts("b1@hotmail.com"),
                AccountSpec.of("b1@hotmail.com", "pw", "Bob").withContacts("r1@hotmail.com")),
                List.of("*@localhost"), s -> s.withFiles(files), plugin);
             MsnPeer bob = new MsnPeer(bridge, "b1@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo", "r1@hotmail.com", "pw");
            Jid bobJid = romeo.contact("b1@hotmail.com");

            long cookie = bob.offerFile("r1@hotmail.com", "song.mp3", Files.size(file));
            FileExchange.awaitInvitation(bob, i -> i.cookie() == cookie && i.command() == InvitationCommand.ACCEPT);
            MsnftpSender sender = bob.serveFile("r1@hotmail.com", cookie, file);
            assertThat(sender.result().get(30, TimeUnit.SECONDS).bytes()).isEqualTo(Files.size(file));

            Message link = FileExchange.awaitMessage(romeo, bobJid, m -> OutOfBandData.from(m).isPresent());
            url = OutOfBandData.urlOf(link).orElseThrow();
            assertThat(url).startsWith(share.baseUrl() + "/").endsWith("/song.mp3");
            assertThat(FileExchange.sha256(FileExchange.fetch(url, dir.resolve("fetched"))))
                    .isEqualTo(FileExchange.sha256(file));
            assertThat(share.fileCount()).isOne();
        }
        // the transport closed its endpoint: the file is gone from disk
        assertThat(share.fileCount()).isZero();
        await().atMost(BridgeHarness.TIMEOUT).until(() -> directory.count() == 0);
        HttpResponse<Void> after;
        try {
            after = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(after.statusCode()).isEqualTo(404);
        } catch (java.io.IOException e) {
            assertThat(e).as("the endpoint is closed").isInstanceOf(java.net.ConnectException.class);
        }
    }
}
