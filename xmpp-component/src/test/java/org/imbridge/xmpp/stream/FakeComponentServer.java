package org.imbridge.xmpp.stream;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw XMPP server side for component tests: accepts connections on 127.0.0.1 and lets the test
 * read what the component wrote and write whatever it likes, byte for byte. Threads per connection
 * are fine here: this is test code playing the peer.
 */
final class FakeComponentServer implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ServerSocket serverSocket;
    private final BlockingQueue<Peer> accepted = new LinkedBlockingQueue<>();
    private final List<Peer> all = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    FakeComponentServer() throws IOException {
        this(0);
    }

    /** @param receiveBuffer the accepted sockets' receive buffer in bytes (small, so a paused peer stalls writes), 0 for the default */
    FakeComponentServer(int receiveBuffer) throws IOException {
        serverSocket = new ServerSocket();
        if (receiveBuffer > 0) {
            serverSocket.setReceiveBufferSize(receiveBuffer);
        }
        serverSocket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        acceptor = new Thread(this::acceptLoop, "fake-xmpp-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** @return the next connection the component opened */
    Peer nextConnection() throws InterruptedException {
        Peer peer = accepted.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (peer == null) {
            throw new AssertionError("the component did not connect within " + TIMEOUT);
        }
        return peer;
    }

    /** @return how many connections were accepted so far */
    int connectionCount() {
        return all.size();
    }

    /**
     * Plays Prosody's side of the handshake on the next connection.
     *
     * @return the peer, with the handshake accepted
     */
    Peer acceptHandshake(String streamId, String secret) throws InterruptedException {
        Peer peer = nextConnection();
        peer.awaitReceived("to='msn.localhost'>");
        peer.send(header(streamId));
        peer.awaitReceived("<handshake>" + Handshakes.sha1Hex(streamId + secret) + "</handshake>");
        peer.send("<handshake/>");
        return peer;
    }

    static String header(String streamId) {
        return "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xml:lang='en'"
                + " id='" + streamId + "' from='msn.localhost' xmlns='jabber:component:accept'>";
    }

    static String streamError(String condition, String text) {
        return "<stream:error><" + condition + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text"
                + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'>" + text + "</text></stream:error></stream:stream>";
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Peer peer = new Peer(serverSocket.accept());
                all.add(peer);
                accepted.add(peer);
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Peer peer : all) {
            peer.close();
        }
    }

    /** One accepted connection. */
    static final class Peer implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private volatile boolean endOfInput;
        private final java.util.concurrent.Semaphore reading = new java.util.concurrent.Semaphore(1);

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            Thread reader = new Thread(() -> readLoop(in), "fake-xmpp-peer");
            reader.setDaemon(true);
            reader.start();
        }

        private void readLoop(InputStream in) {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (received) {
                        received.write(buffer, 0, n);
                    }
                    reading.acquire(); // held by pauseReading()
                    reading.release();
                }
            } catch (IOException e) {
                // closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            endOfInput = true;
        }

        /** Stops reading from the socket (after the read under way), so the component's writes back up. */
        void pauseReading() throws InterruptedException {
            reading.acquire();
        }

        void resumeReading() {
            reading.release();
        }

        /** @return everything the component wrote on this connection so far, decoded as UTF-8 */
        String received() {
            synchronized (received) {
                return received.toString(StandardCharsets.UTF_8);
            }
        }

        void awaitReceived(String text) {
            await().atMost(TIMEOUT).until(() -> received().contains(text));
        }

        /** @return true once the component closed its side of the connection */
        boolean isClosedByComponent() {
            return endOfInput;
        }

        void send(String xml) {
            send(xml.getBytes(StandardCharsets.UTF_8));
        }

        void send(byte[] bytes) {
            try {
                out.write(bytes);
                out.flush();
            } catch (SocketException e) {
                throw new AssertionError("the component closed the connection", e);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
