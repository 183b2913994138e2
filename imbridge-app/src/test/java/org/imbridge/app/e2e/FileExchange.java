package org.imbridge.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

import org.imbridge.msn.ftp.FileInvitation;
import org.imbridge.xmpp.files.oob.OutOfBandData;
import org.imbridge.xmpp.files.upload.HttpUploader;
import org.imbridge.xmpp.files.upload.UploadRequest;
import org.imbridge.xmpp.files.upload.UploadSlot;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/** What the file tests do as the Jabber user and with files: upload, share, fetch, compare. */
final class FileExchange {

    private FileExchange() {
    }

    /** Uploads {@code file} to the user's server as their client would (XEP-0363); @return its GET URL. */
    static String uploadAsClient(XmppUser user, Path file, String name) throws Exception {
        Jid service = JidCreate.from("upload.localhost");
        UploadRequest request = new UploadRequest(user.client.getUser(), service, name, Files.size(file),
                "application/octet-stream");
        UploadSlot slot = user.client.createStanzaCollectorAndSend(request).nextResultOrThrow(BridgeHarness.TIMEOUT.toMillis());
        return new HttpUploader(Duration.ofSeconds(30)).upload(slot, file, "application/octet-stream").toString();
    }

    /** What a client sends after an upload: the link as body and as XEP-0066 data. */
    static void share(XmppUser user, Jid contact, String url) throws Exception {
        user.send(StanzaBuilder.buildMessage().ofType(Message.Type.chat).to(contact).setBody(url)
                .addExtension(new OutOfBandData(url, null)).build());
    }

    /** The first invitation {@code peer} received that matches; on timeout, says what it did receive. */
    static FileInvitation awaitInvitation(MsnPeer peer, Predicate<FileInvitation> match) {
        try {
            return await().atMost(BridgeHarness.TIMEOUT).until(() -> peer.invitations.stream().filter(match)
                    .findFirst(), Optional::isPresent).orElseThrow();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no such invitation; the peer received " + peer.invitations
                    + " and the texts " + peer.texts, e);
        }
    }

    /** The first chat message from {@code from} that matches; on timeout, says which came. */
    static Message awaitMessage(XmppUser user, Jid from, Predicate<Message> match) {
        try {
            return await().atMost(BridgeHarness.TIMEOUT.multipliedBy(2)).until(() -> user.chatFrom(from).stream()
                    .filter(match).findFirst(), Optional::isPresent).orElseThrow();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no such message; from " + from + " came "
                    + user.chatFrom(from).stream().map(Message::getBody).toList(), e);
        }
    }

    static Path fetch(String url, Path into) throws Exception {
        HttpResponse<Path> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofFile(into));
        assertThat(response.statusCode()).isEqualTo(200);
        return into;
    }

    static Path randomFile(Path path, long size) throws IOException {
        byte[] data = new byte[(int) size];
        new Random(size).nextBytes(data);
        return Files.write(path, data);
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
