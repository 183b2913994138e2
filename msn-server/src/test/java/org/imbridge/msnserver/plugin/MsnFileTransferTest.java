package org.imbridge.msnserver.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.imbridge.core.files.IncomingFile;
import org.imbridge.core.files.OutgoingFile;
import org.imbridge.core.files.TransferFailure;
import org.imbridge.core.files.TransferFailure.Reason;
import org.imbridge.core.model.LegacyAddress;
import org.imbridge.msn.ftp.CancelCode;
import org.imbridge.msn.ftp.FileInvitation;
import org.imbridge.msn.ftp.InvitationCommand;
import org.imbridge.msn.ftp.MsnftpReceiver;
import org.imbridge.msn.ftp.MsnftpSender;
import org.imbridge.msn.ftp.PortRange;
import org.imbridge.msn.ftp.TransferResult;
import org.imbridge.msn.plugin.files.FileTransferSettings;
import org.imbridge.msn.protocol.MimeMessage;
import org.imbridge.msnserver.plugin.BridgeNetwork.BridgedSession;
import org.imbridge.msnserver.plugin.EventRecorder.FileOffered;
import org.imbridge.msnserver.plugin.EventRecorder.Unsupported;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files between alice (the bridged user) and bob (a plain MSN client running MSNFTP himself, {@link
 * MsnftpPeer}), through our MSN server: invitations on the switchboard, the data peer to peer on loopback.
 */
class MsnFileTransferTest {

    private static final String ALICE = "alice@hotmail.com";
    private static final String BOB = "bob@hotmail.com";
    private static final int SIZE = 3 * 1024 * 1024 + 5;
    private static final Duration SHORT = Duration.ofMillis(500);

    @TempDir
    Path dir;

    private BridgeNetwork net;
    private MsnftpPeer bobFtp;

    private void start(Duration offerTimeout) throws IOException {
        start(settings().withOfferTimeout(offerTimeout));
    }

    private void start(FileTransferSettings files) throws IOException {
        net = BridgeNetwork.start(files);
        bobFtp = new MsnftpPeer(BOB, net.peerClient().processorPool());
    }

    private static FileTransferSettings settings() {
        return FileTransferSettings.defaults()
                .withBind(InetAddress.getLoopbackAddress())
                .withPorts(PortRange.ANY)
                .withOfferTimeout(Duration.ofSeconds(10))
                .withAcceptTimeout(Duration.ofSeconds(10))
                .withMsnftp(MsnftpPeer.TIMEOUTS);
    }

    private void start() throws IOException {
        start(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        if (bobFtp != null) {
            bobFtp.close();
        }
        if (net != null) {
            net.close();
        }
    }

    // ---- bob offers alice a file ----

    @Test
    void aFileBobOffersArrivesWholeWhenAliceAccepts() throws Exception {
        start();
        BridgedSession alice = net.alice();
        Path source = randomFile("holiday photo.bin");
        PeerConversation bob = net.peer(BOB).open(ALICE);

        bob.send(FileInvitation.invite(1001, "holiday photo.bin", SIZE).toMessage());
        IncomingFile offer = alice.events().await(FileOffered.class).file();
        assertThat(offer.from()).isEqualTo(LegacyAddress.of(BOB));
        assertThat(offer.fileName()).isEqualTo("holiday photo.bin");
        assertThat(offer.size()).isEqualTo(SIZE);

        Path target = dir.resolve("received.bin");
        CompletionStage<Long> accepted = alice.session().acceptFile(offer.offerId(), target);
        FileInvitation aliceAccept = bob.awaitInvitation(InvitationCommand.ACCEPT);
        assertThat(aliceAccept.cookie()).isEqualTo(1001);
        assertThat(aliceAccept.hasAddress()).isFalse();
        MsnftpSender sender = bobFtp.serve(source, ALICE, 777_777);
        bob.send(FileInvitation.acceptWithAddress(1001, "127.0.0.1", sender.port(), 777_777).toMessage());

        assertThat(accepted.toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo(SIZE);
        assertThat(sender.result().get(30, TimeUnit.SECONDS).bytes()).isEqualTo(SIZE);
        assertThat(sha256(target)).isEqualTo(sha256(source));
    }

    @Test
    void whenAliceDeclinesBobHearsReject() throws Exception {
        start();
        BridgedSession alice = net.alice();
        PeerConversation bob = net.peer(BOB).open(ALICE);
        bob.send(FileInvitation.invite(1002, "notes.txt", 10).toMessage());
        IncomingFile offer = alice.events().await(FileOffered.class).file();

        alice.session().declineFile(offer.offerId(), Reason.DECLINED);

        FileInvitation cancel = bob.awaitInvitation(InvitationCommand.CANCEL);
        assertThat(cancel.cookie()).isEqualTo(1002);
        assertThat(cancel.cancelCode()).isEqualTo(CancelCode.REJECT);
        assertThat(failure(alice.session().acceptFile(offer.offerId(), dir.resolve("late")))
                .getMessage()).isEqualTo("no such offer");
    }

    @Test
    void anOfferAliceLeavesUnansweredIsCancelledWithTimeout() throws Exception {
        start(SHORT);
        BridgedSession alice = net.alice();
        PeerConversation bob = net.peer(BOB).open(ALICE);
        bob.send(FileInvitation.invite(1003, "notes.txt", 10).toMessage());
        IncomingFile offer = alice.events().await(FileOffered.class).file();

        FileInvitation cancel = bob.awaitInvitation(InvitationCommand.CANCEL);

        assertThat(cancel.cookie()).isEqualTo(1003);
        assertThat(cancel.cancelCode()).isEqualTo(CancelCode.TIMEOUT);
        assertThat(failure(alice.session().acceptFile(offer.offerId(), dir.resolve("late"))).reason())
                .isEqualTo(Reason.CANCELLED);
    }

    @Test
    void whenAliceCannotConnectTheStageFailsAndBobHearsFttimeout() throws Exception {
        start();
        BridgedSession alice = net.alice();
        PeerConversation bob = net.peer(BOB).open(ALICE);
        bob.send(FileInvitation.invite(1006, "notes.txt", 10).toMessage());
        IncomingFile offer = alice.events().await(FileOffered.class).file();
        CompletionStage<Long> accepted = alice.session().acceptFile(offer.offerId(), dir.resolve("notes.txt"));
        bob.awaitInvitation(InvitationCommand.ACCEPT);

        bob.send(FileInvitation.acceptWithAddress(1006, "127.0.0.1", closedPort(), 4242).toMessage());

        assertThat(failure(accepted).reason()).isEqualTo(Reason.CONNECTION_FAILED);
        FileInvitation cancel = bob.awaitInvitation(InvitationCommand.CANCEL);
        assertThat(cancel.cookie()).isEqualTo(1006);
        assertThat(cancel.cancelCode()).isEqualTo(CancelCode.FTTIMEOUT);
    }

    @Test
    void whenBobNeverSendsHisAddressTheAcceptTimesOut() throws Exception {
        start(settings().withAcceptTimeout(SHORT));
        BridgedSession alice = net.alice();
        PeerConversation bob = net.peer(BOB).open(ALICE);
        bob.send(FileInvitation.invite(1007, "notes.txt", 10).toMessage());
        IncomingFile offer = alice.events().await(FileOffered.class).file();

        CompletionStage<Long> accepted = alice.session().acceptFile(offer.offerId(), dir.resolve("notes.txt"));

        assertThat(failure(accepted).reason()).isEqualTo(Reason.TIMED_OUT);
        assertThat(bob.awaitInvitation(InvitationCommand.CANCEL).cancelCode()).isEqualTo(CancelCode.FTTIMEOUT);
    }

    @Test
    void anUnknownOfferCannotBeAccepted() throws Exception {
        start();
        BridgedSession alice = net.alice();

        for (String id : new String[] {"1:bob@hotmail.com", "nonsense", ":", "99999999999:x"}) {
            TransferFailure f = failure(alice.session().acceptFile(id, dir.resolve("x")));
            assertThat(f.reason()).isEqualTo(Reason.CANCELLED);
            assertThat(f.getMessage()).isEqualTo("no such offer");
        }
    }

    @Test
    void anInvitationOfAnotherApplicationIsStillAnUnsupportedNotice() throws Exception {
        start();
        BridgedSession alice = net.alice();
        PeerConversation bob = net.peer(BOB).open(ALICE);

        bob.send(MimeMessage.of(List.of(Map.entry("MIME-Version", "1.0"),
                        Map.entry("Content-Type", "text/x-msmsgsinvite; charset=UTF-8")),
                ("Application-Name: NetMeeting\r\nApplication-GUID: {44BBA842-CC51-11CF-AAFA-00AA00B6015C}\r\n"
                        + "Invitation-Command: INVITE\r\nInvitation-Cookie: 55\r\n\r\n").getBytes(StandardCharsets.UTF_8)));

        Unsupported notice = alice.events().await(Unsupported.class);
        assertThat(notice.from()).isEqualTo(LegacyAddress.of(BOB));
        assertThat(notice.what()).isEqualTo("an invitation to NetMeeting");
        assertThat(alice.events().all(FileOffered.class)).isEmpty();
    }

    @Test
    void anOfferInAGroupConversationIsAnsweredThere() throws Exception {
        start();
        BridgedSession alice = net.alice();
        net.peer("carol@hotmail.com");
        PeerConversation group = net.peer(BOB).open(ALICE, "carol@hotmail.com");
        alice.events().await(EventRecorder.GroupStarted.class);

        group.send(FileInvitation.invite(1005, "slides.bin", 10).toMessage());
        IncomingFile offer = alice.events().await(FileOffered.class).file();
        assertThat(offer.from()).isEqualTo(LegacyAddress.of(BOB));
        CompletionStage<Long> accepted = alice.session().acceptFile(offer.offerId(), dir.resolve("slides.bin"));

        assertThat(group.awaitInvitation(InvitationCommand.ACCEPT).cookie()).isEqualTo(1005);
        group.send(FileInvitation.cancel(1005, CancelCode.FAIL).toMessage());
        TransferFailure withdrawn = failure(accepted);
        assertThat(withdrawn.reason()).isEqualTo(Reason.DECLINED);
        assertThat(withdrawn.getMessage()).isEqualTo(BOB + " took the file offer back");
    }

    // ---- alice sends bob a file ----

    @Test
    void moreTransfersThanTheLimitAreBusy() throws Exception {
        start(settings().withMaxTransfers(1));
        BridgedSession alice = net.alice();
        net.peer(BOB);
        CompletionStage<Void> first = alice.session().sendFile(LegacyAddress.of(BOB),
                new OutgoingFile("one.bin", 4, randomFile("one.bin", 4)));

        TransferFailure second = failure(alice.session().sendFile(LegacyAddress.of(BOB),
                new OutgoingFile("two.bin", 4, randomFile("two.bin", 4))));

        assertThat(second.reason()).isEqualTo(Reason.BUSY);
        assertThat(first.toCompletableFuture()).isNotDone();
    }

    @Test
    void aFileAliceSendsArrivesWholeAtBob() throws Exception {
        start();
        BridgedSession alice = net.alice();
        Peer bobPeer = net.peer(BOB);
        Path source = randomFile("report.bin");

        CompletionStage<Void> sent = alice.session().sendFile(LegacyAddress.of(BOB),
                new OutgoingFile("report.bin", SIZE, source));
        PeerConversation bob = firstConversation(bobPeer);
        FileInvitation invite = bob.awaitInvitation(InvitationCommand.INVITE);
        assertThat(invite.fileName()).isEqualTo("report.bin");
        assertThat(invite.fileSize()).isEqualTo(SIZE);
        bob.send(FileInvitation.acceptRequest(invite.cookie()).toMessage());
        FileInvitation where = bob.awaitInvitation(InvitationCommand.ACCEPT);
        assertThat(where.ipAddress()).isEqualTo("127.0.0.1");
        Path target = Files.createFile(dir.resolve("at-bob.bin"));
        CompletableFuture<TransferResult> received = bobFtp.receiver(where, SIZE, target).start();

        sent.toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(received.get(30, TimeUnit.SECONDS).bytes()).isEqualTo(SIZE);
        assertThat(sha256(target)).isEqualTo(sha256(source));
    }

    @Test
    void whenBobDeclinesTheSendFailsDeclined() throws Exception {
        start();
        BridgedSession alice = net.alice();
        Peer bobPeer = net.peer(BOB);
        CompletionStage<Void> sent = alice.session().sendFile(LegacyAddress.of(BOB),
                new OutgoingFile("report.bin", 4, randomFile("small.bin", 4)));
        PeerConversation bob = firstConversation(bobPeer);
        FileInvitation invite = bob.awaitInvitation(InvitationCommand.INVITE);

        bob.send(FileInvitation.cancel(invite.cookie(), CancelCode.REJECT).toMessage());

        TransferFailure failure = failure(sent);
        assertThat(failure.reason()).isEqualTo(Reason.DECLINED);
        assertThat(failure.getMessage()).contains(BOB).contains("declined");
    }

    @Test
    void whenBobNeverAnswersTheSendTimesOutAndIsCancelled() throws Exception {
        start(SHORT);
        BridgedSession alice = net.alice();
        Peer bobPeer = net.peer(BOB);

        CompletionStage<Void> sent = alice.session().sendFile(LegacyAddress.of(BOB),
                new OutgoingFile("report.bin", 4, randomFile("small.bin", 4)));

        assertThat(failure(sent).reason()).isEqualTo(Reason.TIMED_OUT);
        FileInvitation cancel = firstConversation(bobPeer).awaitInvitation(InvitationCommand.CANCEL);
        assertThat(cancel.cancelCode()).isEqualTo(CancelCode.TIMEOUT);
    }

    @Test
    void whenBobCancelsMidwayTheSendFailsCancelled() throws Exception {
        start();
        BridgedSession alice = net.alice();
        Peer bobPeer = net.peer(BOB);
        CompletionStage<Void> sent = alice.session().sendFile(LegacyAddress.of(BOB),
                new OutgoingFile("report.bin", SIZE, randomFile("report.bin")));
        PeerConversation bob = firstConversation(bobPeer);
        FileInvitation invite = bob.awaitInvitation(InvitationCommand.INVITE);
        bob.send(FileInvitation.acceptRequest(invite.cookie()).toMessage());
        FileInvitation where = bob.awaitInvitation(InvitationCommand.ACCEPT);

        MsnftpReceiver receiver = bobFtp.receiver(where, SIZE, Files.createFile(dir.resolve("part.bin")));
        AtomicBoolean cancelled = new AtomicBoolean();
        receiver.onProgress(n -> {
            if (n >= 1024 * 1024 && cancelled.compareAndSet(false, true)) {
                receiver.cancel();
            }
        });
        receiver.start();

        assertThat(failure(sent).reason()).isEqualTo(Reason.CANCELLED);
        assertThat(cancelled).isTrue();
    }

    // ---- the session ends ----

    @Test
    void loggingOutFailsWhatWaitsAndFreesThePort() throws Exception {
        start();
        BridgedSession alice = net.alice();
        Peer bobPeer = net.peer(BOB);
        CompletionStage<Void> sent = alice.session().sendFile(LegacyAddress.of(BOB),
                new OutgoingFile("report.bin", SIZE, randomFile("report.bin")));
        PeerConversation toBob = firstConversation(bobPeer);
        FileInvitation invite = toBob.awaitInvitation(InvitationCommand.INVITE);
        toBob.send(FileInvitation.acceptRequest(invite.cookie()).toMessage());
        int port = toBob.awaitInvitation(InvitationCommand.ACCEPT).port();

        PeerConversation fromBob = bobPeer.open(ALICE);
        fromBob.send(FileInvitation.invite(1004, "notes.txt", 10).toMessage());
        IncomingFile offer = alice.events().await(FileOffered.class).file();
        CompletionStage<Long> accepted = alice.session().acceptFile(offer.offerId(), dir.resolve("notes.txt"));
        fromBob.awaitInvitation(InvitationCommand.ACCEPT);

        alice.session().logout();

        TransferFailure sendFailure = failure(sent);
        assertThat(sendFailure.reason()).isEqualTo(Reason.CANCELLED);
        assertThat(sendFailure.getMessage()).isEqualTo("the session ended");
        assertThat(failure(accepted).reason()).isEqualTo(Reason.CANCELLED);
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        assertThat(failure(alice.session().sendFile(LegacyAddress.of(BOB),
                new OutgoingFile("x", 1, randomFile("x", 1)))).getMessage()).isEqualTo("the session ended");
    }

    // ---- helpers ----

    private static PeerConversation firstConversation(Peer peer) {
        return org.awaitility.Awaitility.await().atMost(EventRecorder.TIMEOUT).pollInterval(Duration.ofMillis(10))
                .until(peer::conversations, l -> !l.isEmpty()).get(0);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Path randomFile(String name) throws IOException {
        return randomFile(name, SIZE);
    }

    private Path randomFile(String name, int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return Files.write(dir.resolve("src-" + name), data);
    }

    private static byte[] sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(p)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }

    private static TransferFailure failure(CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TransferFailure.class);
            return (TransferFailure) e.getCause();
        }
        throw new AssertionError("the transfer succeeded");
    }
}
