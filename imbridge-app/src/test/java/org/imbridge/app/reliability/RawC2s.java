package org.imbridge.app.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A Jabber client over a plain socket, for bytes Smack will not write (invalid UTF-8, character
 * references to NUL, JIDs its parser refuses): logs in with SASL PLAIN, binds a resource, then sends
 * whatever the test gives it. Everything the server sends is kept in {@link #received()}.
 */
final class RawC2s implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final StringBuffer received = new StringBuffer();
    private volatile boolean closedByServer;

    RawC2s(int port, String domain, String user, String password) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        out = socket.getOutputStream();
        Thread reader = new Thread(this::read, "raw-c2s-" + user);
        reader.setDaemon(true);
        reader.start();
        String header = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream="
                + "'http://etherx.jabber.org/streams' to='" + domain + "' version='1.0'>";
        send(header);
        awaitReceived("</stream:features>", 1);
        String auth = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + auth + "</auth>");
        awaitReceived("<success", 1);
        send(header);
        awaitReceived("</stream:features>", 2);
        send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>raw</resource></bind></iq>");
        awaitReceived("</jid>", 1);
        send("<presence/>");
    }

    private void read() {
        byte[] buffer = new byte[8192];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // closed: recorded below
        }
        closedByServer = true;
    }

    void send(String xml) throws IOException {
        send(xml.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    String received() {
        return received.toString();
    }

    boolean closedByServer() {
        return closedByServer;
    }

    /** Waits until {@code marker} has been received {@code times} times in all. */
    void awaitReceived(String marker, int times) {
        await("'" + marker + "' from the server").atMost(Duration.ofSeconds(15))
                .until(() -> count(received(), marker) >= times);
    }

    /** Whether an error stanza answering {@code id} has arrived. */
    boolean errorFor(String id) {
        String all = received();
        for (String quote : new String[] {"'", "\""}) {
            int at = all.indexOf("id=" + quote + id + quote);
            while (at >= 0) {
                int start = all.lastIndexOf('<', at);
                int end = all.indexOf('>', at);
                if (start >= 0 && end > at && all.substring(start, end).contains("type=" + quote + "error" + quote)) {
                    return true;
                }
                at = all.indexOf("id=" + quote + id + quote, at + 1);
            }
        }
        return false;
    }

    private static int count(String text, String marker) {
        int n = 0;
        for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length())) {
            n++;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
