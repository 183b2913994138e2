package org.imbridge.xmpp.metrics;

import org.imbridge.core.files.TransferFailure;
import org.imbridge.xmpp.gateway.files.FileTransferMetrics;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The meters, the per-minute rate and the Prometheus endpoint. */
class MetricsTest {

    @Test
    void recentRateCountsTheLastMinuteOnly() {
        AtomicLong second = new AtomicLong(1000);
        RecentRate rate = new RecentRate(second::get);
        rate.record();
        rate.record();
        second.addAndGet(30);
        rate.record();
        assertThat(rate.lastMinute()).isEqualTo(3);
        second.addAndGet(31);
        assertThat(rate.lastMinute()).isEqualTo(1);
        second.addAndGet(60);
        assertThat(rate.lastMinute()).isZero();
    }

    @Test
    void theScrapeHasTheTransportsMeters() {
        TransportMetrics metrics = new TransportMetrics("fakenet", "node-a");
        metrics.messageToNetwork();
        metrics.messageFromNetwork();
        metrics.messageFromNetwork();
        metrics.login("success");
        metrics.login("BAD_CREDENTIALS");
        metrics.error("xmpp_recipient-unavailable");
        metrics.registeredUsers(5);
        metrics.onlineUsers(() -> 2);
        metrics.queue("workers", () -> 7);
        metrics.files().started(FileTransferMetrics.Direction.TO_USER);
        metrics.files().started(FileTransferMetrics.Direction.TO_USER);
        metrics.files().ended(FileTransferMetrics.Direction.TO_USER, null, 3000);
        metrics.files().refused(FileTransferMetrics.Direction.TO_CONTACT, TransferFailure.Reason.TOO_LARGE);
        String scrape = metrics.scrape();
        assertThat(scrape)
                .contains("imbridge_messages_total{direction=\"to_network\",instance=\"node-a\",network=\"fakenet\"} 1.0")
                .contains("imbridge_messages_total{direction=\"from_network\",instance=\"node-a\",network=\"fakenet\"} 2.0")
                .contains("imbridge_logins_total{instance=\"node-a\",network=\"fakenet\",result=\"bad_credentials\"} 1.0")
                .contains("imbridge_errors_total{instance=\"node-a\",kind=\"xmpp_recipient_unavailable\"} 1.0")
                .contains("imbridge_users_registered{instance=\"node-a\"} 5.0")
                .contains("imbridge_users_online{instance=\"node-a\"} 2.0")
                .contains("imbridge_queue_depth{instance=\"node-a\",queue=\"workers\"} 7.0")
                .contains("imbridge_file_transfers_total{direction=\"to_user\",instance=\"node-a\",outcome=\"success\"} 1.0")
                .contains("imbridge_file_transfers_total{direction=\"to_contact\",instance=\"node-a\",outcome=\"too_large\"} 1.0")
                .contains("imbridge_file_bytes_total{direction=\"to_user\",instance=\"node-a\"} 3000.0")
                .contains("imbridge_file_transfers_active{direction=\"to_user\",instance=\"node-a\"} 1.0")
                .contains("jvm_memory_used_bytes");
        // JVM meters too: the instances of one deployment are told apart on every series
        assertThat(scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank()))
                .isNotEmpty().allSatisfy(sample -> assertThat(sample).contains("instance=\"node-a\""));
        assertThat(scrape).doesNotContain("msn");
        // every meter says what it is: no "# HELP name" line without a text
        assertThat(scrape.lines().filter(l -> l.startsWith("# HELP ")))
                .isNotEmpty().allSatisfy(help -> assertThat(help.split(" ", 4)).hasSize(4).satisfies(
                        parts -> assertThat(parts[3]).as(help).isNotBlank()));
        assertThat(metrics.messagesToNetworkLastMinute()).isEqualTo(1);
        assertThat(metrics.messagesFromNetworkLastMinute()).isEqualTo(2);
    }

    @Test
    void theScrapeSaysWhatTheWholeDeploymentHolds() {
        TransportMetrics metrics = new TransportMetrics("fakenet", "node-a");
        metrics.deployment(new org.imbridge.core.cluster.Membership(java.util.List.of(
                new org.imbridge.core.cluster.Membership.Member("node-a", java.time.Instant.EPOCH, 3),
                new org.imbridge.core.cluster.Membership.Member("node-b", java.time.Instant.EPOCH, 5))));

        String scrape = metrics.scrape();

        org.assertj.core.api.Assertions.assertThat(scrape)
                .containsPattern("imbridge_deployment_instances\\{instance=\"node-a\"\\} 2\\.0")
                .containsPattern("imbridge_deployment_sessions\\{instance=\"node-a\",member=\"node-b\"\\} 5\\.0")
                .containsPattern("imbridge_deployment_sessions\\{instance=\"node-a\",member=\"node-a\"\\} 3\\.0");
        metrics.deployment(new org.imbridge.core.cluster.Membership(java.util.List.of(
                new org.imbridge.core.cluster.Membership.Member("node-a", java.time.Instant.EPOCH, 8))));
        org.assertj.core.api.Assertions.assertThat(metrics.scrape()).doesNotContain("member=\"node-b\"");
    }

    @Test
    void theEndpointServesMetricsAndNothingElse() throws Exception {
        try (MetricsServer server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> "imbridge_up 1\n")) {
            int port = server.address().getPort();
            assertThat(get(port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"))
                    .startsWith("HTTP/1.0 200 OK").contains("Content-Length: 14").endsWith("imbridge_up 1\n");
            assertThat(get(port, "GET / HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.0 404");
            assertThat(get(port, "POST /metrics HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.0 405");
            assertThat(get(port, "GET /" + "x".repeat(MetricsServer.MAX_REQUEST_BYTES) + " HTTP/1.0\r\n"))
                    .startsWith("HTTP/1.0 431");
        }
    }

    private static String get(int port, String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
