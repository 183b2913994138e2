package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.imbridge.ejabberd.PrivateEjabberd;
import org.imbridge.msn.ftp.FileInvitation;
import org.imbridge.msn.ftp.InvitationCommand;
import org.imbridge.msn.ftp.MsnftpReceiver;
import org.imbridge.msn.ftp.MsnftpSender;
import org.imbridge.msn.ftp.PortRange;
import org.imbridge.msn.plugin.MsnPluginSettings;
import org.imbridge.msn.plugin.files.FileTransferSettings;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.xmpp.files.oob.OutOfBandData;
import org.imbridge.xmpp.files.temp.TransferDirectory;
import org.imbridge.xmpp.gateway.files.FileTransferOptions;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.Jid;

/**
 * Files both ways on ejabberd with mod_http_upload (XEP-0363), the transport's JID allowed to upload:
 * 3 MiB each way with a checksum compare, and nothing left in the transfer directory.
 */
class EjabberdFileTransferEndToEndTest {

    private static final long THREE_MIB = 3L * 1024 * 1024;

    private static Path work;
    private static TransferDirectory directory;
    private static int httpPort;
    private static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        String reason = PrivateEjabberd.unavailableReason();
        assumeTrue(reason == null, () -> "no private ejabberd here: " + reason);
        work = Files.createTempDirectory("imbridge-ejabberd-files-");
        Path docroot = Files.createDirectory(work.resolve("upload"));
        // ejabberd may run as its own user: it writes the uploads here
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(docroot, PosixFilePermissions.fromString("rwxrwxrwx"));
        directory = TransferDirectory.open(work.resolve("transfers"));
        httpPort = FileExchange.freePort();
        PrivateEjabberd.Builder ejabberd = PrivateEjabberd.builder()
                .listener(List.of("port: " + httpPort, "ip: \"127.0.0.1\"", "module: ejabberd_http",
                        "request_handlers:", "  /upload: mod_http_upload"))
                .module("mod_http_upload", List.of("put_url: \"http://127.0.0.1:" + httpPort + "/upload\"",
                        "docroot: \"" + docroot + "\"", "max_size: 16777216",
                        "access: all  # the transport's JID is no local user"));
        FileTransferOptions files = new FileTransferOptions(directory, FileTransferOptions.DEFAULT_MAX_BYTES, 2, null,
                null, Duration.ofDays(1), Set.of("127.0.0.1"), true, Duration.ofSeconds(30));
        MsnPluginSettings plugin = MsnPluginSettings.defaults().withFiles(FileTransferSettings.defaults()
                .withBind(java.net.InetAddress.getLoopbackAddress()).withAdvertisedHost("127.0.0.1")
                .withPorts(PortRange.ANY));
        bridge = new BridgeHarness(XmppServer.of(ejabberd.start()), List.of(
                AccountSpec.of("r1@hotmail.com", "pw", "Romeo").withContacts("b1@hotmail.com"),
                AccountSpec.of("b1@hotmail.com", "pw", "Bob").withContacts("r1@hotmail.com")),
                List.of("*@localhost"), s -> s.withFiles(files), plugin);
    }

    @AfterAll
    static void stop() throws IOException {
        if (bridge != null) {
            bridge.close();
        }
        if (work != null) {
            try (var left = Files.walk(work)) {
                left.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void threeMebibytesEachWayThroughTheServersUploadService(@TempDir Path dir) throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b1@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo1", "r1@hotmail.com", "pw");
            Jid bobJid = romeo.contact("b1@hotmail.com");

            // MSN → Jabber: a link on ejabberd's upload service
            Path fromBob = FileExchange.randomFile(dir.resolve("from-bob.bin"), THREE_MIB);
            long cookie = bob.offerFile("r1@hotmail.com", "from-bob.bin", THREE_MIB);
            FileExchange.awaitInvitation(bob, i -> i.cookie() == cookie && i.command() == InvitationCommand.ACCEPT);
            MsnftpSender sender = bob.serveFile("r1@hotmail.com", cookie, fromBob);
            assertThat(sender.result().get(30, TimeUnit.SECONDS).bytes()).isEqualTo(THREE_MIB);
            Message link = FileExchange.awaitMessage(romeo, bobJid, m -> OutOfBandData.from(m).isPresent());
            String url = OutOfBandData.urlOf(link).orElseThrow();
            assertThat(URI.create(url).getPort()).as("on ejabberd's upload service").isEqualTo(httpPort);
            assertThat(FileExchange.sha256(FileExchange.fetch(url, dir.resolve("fetched"))))
                    .isEqualTo(FileExchange.sha256(fromBob));

            // Jabber → MSN: a file the user uploaded to ejabberd, offered to Bob over MSNFTP
            Path toBob = FileExchange.randomFile(dir.resolve("to-bob.bin"), THREE_MIB + 1);
            String shared = FileExchange.uploadAsClient(romeo, toBob, "to-bob.bin");
            FileExchange.share(romeo, bobJid, shared);
            FileInvitation offer = FileExchange.awaitInvitation(bob, i -> i.command() == InvitationCommand.INVITE);
            bob.acceptFile("r1@hotmail.com", offer);
            FileInvitation address = FileExchange.awaitInvitation(bob, i -> i.cookie() == offer.cookie()
                    && i.hasAddress());
            Path received = Files.createFile(dir.resolve("received"));
            MsnftpReceiver receiver = bob.receiveFile(offer, address, received);
            assertThat(receiver.result().get(30, TimeUnit.SECONDS).bytes()).isEqualTo(THREE_MIB + 1);
            assertThat(FileExchange.sha256(received)).isEqualTo(FileExchange.sha256(toBob));
            FileExchange.awaitMessage(romeo, bobJid, m -> m.getBody() != null
                    && m.getBody().startsWith("Bob received the file \"to-bob.bin\""));

            await("no file left in the transfer directory").atMost(BridgeHarness.TIMEOUT)
                    .until(() -> directory.count() == 0);
        }
    }
}
