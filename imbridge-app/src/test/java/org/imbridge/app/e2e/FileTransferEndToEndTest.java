package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.imbridge.msn.ftp.CancelCode;
import org.imbridge.msn.ftp.FileInvitation;
import org.imbridge.msn.ftp.InvitationCommand;
import org.imbridge.msn.ftp.MsnftpReceiver;
import org.imbridge.msn.ftp.MsnftpSender;
import org.imbridge.msn.ftp.PortRange;
import org.imbridge.msn.plugin.MsnPluginSettings;
import org.imbridge.msn.plugin.files.FileTransferSettings;
import org.imbridge.msnserver.account.AccountSpec;
import org.imbridge.ejabberd.PrivateEjabberd;
import org.imbridge.prosody.PrivateProsody;
import org.imbridge.xmpp.files.oob.OutOfBandData;
import org.imbridge.xmpp.files.temp.TransferDirectory;
import org.imbridge.xmpp.gateway.files.FileTransferOptions;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;

/**
 * Files both ways on Prosody with its XEP-0363 service (mod_http_file_share; on ejabberd with
 * mod_http_upload in {@link EjabberdFileTransferEndToEndTest}): an MSN contact's file
 * reaches the user as a link on the user's own server, and a file the user uploaded and shares reaches
 * the contact over MSNFTP; with a checksum compare each way, and the ways it does not happen (declined,
 * unanswered, too large, cancelled mid-way, a link to a host not allowed). No file is left behind.
 */
class FileTransferEndToEndTest {

    private static final long THREE_MIB = 3L * 1024 * 1024;
    /** Short, for the unanswered offer; long enough that the other tests' peer answers in time on a busy machine. */
    private static final Duration OFFER_TIMEOUT = Duration.ofSeconds(8);

    static Path transfers;
    static TransferDirectory directory;
    static int httpPort;
    static BridgeHarness bridge;

    @BeforeAll
    static void start() throws Exception {
        startOn(ServerKind.PROSODY);
    }

    /** The bridge on {@code kind} with its XEP-0363 service on a free HTTP port, files on. */
    static void startOn(ServerKind kind) throws Exception {
        if (kind == ServerKind.EJABBERD) {
            String reason = PrivateEjabberd.unavailableReason();
            assumeTrue(reason == null, () -> "no private ejabberd here: " + reason);
        }
        transfers = Files.createTempDirectory("imbridge-transfers-");
        directory = TransferDirectory.open(transfers.resolve("t"));
        httpPort = FileExchange.freePort();
        XmppServer server = kind == ServerKind.PROSODY ? XmppServer.of(PrivateProsody.builder()
                .extraGlobalConfig("http_ports = { " + httpPort + " }")
                .extraGlobalConfig("http_interfaces = { \"127.0.0.1\" }")
                .extraGlobalConfig("Component \"upload.localhost\" \"http_file_share\"")
                .extraGlobalConfig("  http_external_url = \"http://127.0.0.1:" + httpPort + "/\"")
                .extraGlobalConfig("  http_host = \"127.0.0.1\"  -- Prosody routes HTTP by the Host header")
                .extraGlobalConfig("  http_file_share_size_limit = 16 * 1024 * 1024")
                .start())
                : XmppServer.of(PrivateEjabberd.builder()
                .listener(List.of("port: " + httpPort, "ip: \"127.0.0.1\"", "module: ejabberd_http",
                        "request_handlers:", "  /upload: mod_http_upload"))
                .module("mod_http_upload", List.of("put_url: \"http://127.0.0.1:" + httpPort + "/upload\"",
                        "docroot: \"" + uploadRoot() + "\"", "max_size: 16777216",
                        "access: all  # the transport's JID is no local user"))
                .start());
        FileTransferOptions files = new FileTransferOptions(directory, FileTransferOptions.DEFAULT_MAX_BYTES, 2, null,
                null, Duration.ofDays(1), Set.of("127.0.0.1"), true, Duration.ofSeconds(30));
        MsnPluginSettings plugin = MsnPluginSettings.defaults().withFiles(FileTransferSettings.defaults()
                .withBind(java.net.InetAddress.getLoopbackAddress()).withAdvertisedHost("127.0.0.1")
                .withPorts(PortRange.ANY).withOfferTimeout(OFFER_TIMEOUT));
        bridge = new BridgeHarness(server, accounts(), List.of("*@localhost"), s -> s.withFiles(files), plugin);
    }

    /** Where ejabberd keeps uploads: writable by its own user, should it run as one. */
    private static Path uploadRoot() throws IOException {
        Path root = Files.createDirectory(transfers.resolve("upload"));
        Files.setPosixFilePermissions(transfers, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        return root;
    }

    private static List<AccountSpec> accounts() {
        return Stream.of("1", "2", "3", "4", "5", "6", "7").flatMap(n -> Stream.of(
                AccountSpec.of("r" + n + "@hotmail.com", "pw", "Romeo " + n).withContacts("b" + n + "@hotmail.com"),
                AccountSpec.of("b" + n + "@hotmail.com", "pw", "Bob " + n).withContacts("r" + n + "@hotmail.com")))
                .toList();
    }

    @AfterEach
    void nothingLeftBehind() throws IOException {
        try {
            await("no file left in the transfer directory").atMost(BridgeHarness.TIMEOUT)
                    .until(() -> directory.count() == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            try (Stream<Path> left = Files.list(directory.path())) {
                throw new AssertionError("left in the transfer directory: " + left.map(p -> p.getFileName() + " "
                        + p.toFile().length()).toList(), e);
            }
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (bridge != null) {
            bridge.close();
        }
        if (transfers == null) {
            return;
        }
        try (Stream<Path> left = Files.walk(transfers)) {
            left.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aContactsFileReachesTheUserAsALinkOnTheirOwnServer(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b1@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo1", "r1@hotmail.com", "pw");
            Jid bobJid = romeo.contact("b1@hotmail.com");
            Path file = FileExchange.randomFile(dir.resolve("notes.bin"), THREE_MIB);

            long cookie = bob.offerFile("r1@hotmail.com", "notes.bin", THREE_MIB);
            FileExchange.awaitInvitation(bob, i -> i.cookie() == cookie && i.command() == InvitationCommand.ACCEPT);
            MsnftpSender sender = bob.serveFile("r1@hotmail.com", cookie, file);

            assertThat(sender.result().get(30, TimeUnit.SECONDS).bytes()).isEqualTo(THREE_MIB);
            Message link = FileExchange.awaitMessage(romeo, bobJid, m -> OutOfBandData.from(m).isPresent());
            String url = OutOfBandData.urlOf(link).orElseThrow();
            assertThat(link.getBody()).isEqualTo(url);
            assertThat(OutOfBandData.from(link).orElseThrow().desc()).isEqualTo("notes.bin");
            assertThat(URI.create(url).getPort()).as("on the user's server's upload service").isEqualTo(httpPort);
            assertThat(directory.count()).as("uploaded, then deleted").isZero();
            assertThat(FileExchange.sha256(FileExchange.fetch(url, dir.resolve("fetched")))).isEqualTo(FileExchange.sha256(file));
            assertThat(romeo.chatFrom(bobJid)).anySatisfy(m -> assertThat(m.getBody())
                    .contains("Bob 1 is sending you \"notes.bin\" (3.0 MiB)"));
        }
    }

    @Test
    void aFileTheUserSharesReachesTheContactAsAFileAndTheLinkAsText(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b2@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo2", "r2@hotmail.com", "pw");
            Jid bobJid = romeo.contact("b2@hotmail.com");
            Path file = FileExchange.randomFile(dir.resolve("photo.jpg"), THREE_MIB);
            String url = FileExchange.uploadAsClient(romeo, file, "photo.jpg");

            FileExchange.share(romeo, bobJid, url);

            FileInvitation offer = FileExchange.awaitInvitation(bob, i -> i.command() == InvitationCommand.INVITE);
            assertThat(offer.fileName()).isEqualTo("photo.jpg");
            assertThat(offer.fileSize()).isEqualTo(THREE_MIB);
            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.texts.contains(url));
            bob.acceptFile("r2@hotmail.com", offer);
            FileInvitation address = FileExchange.awaitInvitation(bob, i -> i.cookie() == offer.cookie() && i.hasAddress());
            Path received = Files.createFile(dir.resolve("received"));
            MsnftpReceiver receiver = bob.receiveFile(offer, address, received);

            assertThat(receiver.result().get(30, TimeUnit.SECONDS).bytes()).isEqualTo(THREE_MIB);
            assertThat(FileExchange.sha256(received)).isEqualTo(FileExchange.sha256(file));
            FileExchange.awaitMessage(romeo, bobJid, m -> m.getBody() != null
                    && m.getBody().equals("Bob 2 received the file \"photo.jpg\" (3.0 MiB)"));
        }
    }

    @Test
    void aContactWhoDeclinesStillHasTheLinkAndTheUserIsTold(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b3@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo3", "r3@hotmail.com", "pw");
            Jid bobJid = romeo.contact("b3@hotmail.com");
            String url = FileExchange.uploadAsClient(romeo, FileExchange.randomFile(dir.resolve("a.txt"), 1000), "a.txt");

            FileExchange.share(romeo, bobJid, url);
            FileInvitation offer = FileExchange.awaitInvitation(bob, i -> i.command() == InvitationCommand.INVITE);
            bob.declineFile("r3@hotmail.com", offer);

            FileExchange.awaitMessage(romeo, bobJid, m -> m.getBody() != null
                    && m.getBody().equals("Bob 3 declined the file \"a.txt\" (1000 bytes); they have the link"));
            assertThat(bob.texts).contains(url);
        }
    }

    @Test
    void anOfferTheContactNeverAnswersTimesOutAndBothAreTold(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b4@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo4", "r4@hotmail.com", "pw");
            Jid bobJid = romeo.contact("b4@hotmail.com");
            String url = FileExchange.uploadAsClient(romeo, FileExchange.randomFile(dir.resolve("b.txt"), 2000), "b.txt");

            FileExchange.share(romeo, bobJid, url);
            FileInvitation offer = FileExchange.awaitInvitation(bob, i -> i.command() == InvitationCommand.INVITE);

            FileInvitation cancel = FileExchange.awaitInvitation(bob, i -> i.cookie() == offer.cookie()
                    && i.command() == InvitationCommand.CANCEL);
            assertThat(cancel.cancelCode()).isEqualTo(CancelCode.TIMEOUT);
            FileExchange.awaitMessage(romeo, bobJid, m -> m.getBody() != null && m.getBody().startsWith(
                    "The file \"b.txt\" (2 KiB) did not reach Bob 4")
                    && m.getBody().endsWith("; they have the link"));
        }
    }

    @Test
    void aFileOverTheLimitIsDeclinedAndTheUserIsTold() throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b5@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo5", "r5@hotmail.com", "pw");
            Jid bobJid = romeo.contact("b5@hotmail.com");

            long cookie = bob.offerFile("r5@hotmail.com", "movie.avi", 11L * 1024 * 1024);

            FileInvitation answer = FileExchange.awaitInvitation(bob, i -> i.cookie() == cookie);
            assertThat(answer.command()).isEqualTo(InvitationCommand.CANCEL);
            FileExchange.awaitMessage(romeo, bobJid, m -> m.getBody() != null && m.getBody().equals("Bob 5 offered you the file"
                    + " \"movie.avi\" (11.0 MiB), which was declined: files over 10.0 MiB are not taken"));
        }
    }

    @Test
    void aTransferTheContactCancelsMidwayIsReportedAndLeavesNothing(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b6@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo6", "r6@hotmail.com", "pw");
            Jid bobJid = romeo.contact("b6@hotmail.com");
            String url = FileExchange.uploadAsClient(romeo, FileExchange.randomFile(dir.resolve("big.bin"), THREE_MIB), "big.bin");

            FileExchange.share(romeo, bobJid, url);
            FileInvitation offer = FileExchange.awaitInvitation(bob, i -> i.command() == InvitationCommand.INVITE);
            bob.acceptFile("r6@hotmail.com", offer);
            FileInvitation address = FileExchange.awaitInvitation(bob, i -> i.cookie() == offer.cookie() && i.hasAddress());
            MsnftpReceiver receiver = bob.receiveFile(offer, address, Files.createFile(dir.resolve("partial")),
                    (r, bytes) -> {
                        if (bytes >= 64 * 1024) {
                            r.cancel(); // well before the end
                        }
                    });

            assertThat(receiver.result()).failsWithin(BridgeHarness.TIMEOUT);
            assertThat(Files.size(dir.resolve("partial"))).isLessThan(THREE_MIB);
            FileExchange.awaitMessage(romeo, bobJid, m -> m.getBody() != null
                    && m.getBody().startsWith("The file \"big.bin\" (3.0 MiB) did not reach Bob 6")
                    && m.getBody().endsWith("; they have the link"));
        }
    }

    @Test
    void aLinkToAHostNotAllowedGoesAsTextOnly() throws Exception {
        try (MsnPeer bob = new MsnPeer(bridge, "b7@hotmail.com", "pw")) {
            XmppUser romeo = XmppUser.onboard(bridge, "romeo7", "r7@hotmail.com", "pw");
            Jid bobJid = romeo.contact("b7@hotmail.com");
            String url = "http://files.example.net/secret.txt";

            FileExchange.share(romeo, bobJid, url);

            await().atMost(BridgeHarness.TIMEOUT).until(() -> bob.texts.contains(url));
            FileExchange.awaitMessage(romeo, bobJid, m -> m.getBody() != null && m.getBody().equals("Bob 7 got your link as text"
                    + " only: files are fetched only from your own server, and files.example.net is not it"));
            assertThat(bob.invitations).isEmpty();
        }
    }

}
