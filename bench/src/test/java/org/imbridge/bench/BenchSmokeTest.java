package org.imbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.imbridge.bench.report.ClusterResults;
import org.imbridge.bench.report.Results;
import org.imbridge.bench.report.ScaleResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the harness working: the {@code --smoke} run (50 users, a few seconds of traffic, the
 * transport and the relay each in their own JVM) must bring everyone online, deliver messages both
 * through the bridge and through the relay, and write the JSON. Figures are not judged here. The main
 * run repeats its scenarios twice, so that the repeats on separate transport and relay JVMs are run.
 */
class BenchSmokeTest {

    @Test
    void smokeRunBringsEveryoneOnlineAndDeliversThroughBridgeAndRelay(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench-results.json");
        Results results = BenchMain.run(BenchOptions.parse("--smoke", "--repeats", "2", "--out", json.toString()));

        assertThat(results.allOnline()).as("every user came online").isTrue();
        assertThat(Files.exists(json)).isTrue();
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("loginStorm").path("online").asInt()).isEqualTo(50);
        assertThat(root.path("bridge").path("latency").path("delivered").asLong()).isPositive();
        assertThat(root.path("bridge").path("latencyRuns")).as("one latency run on each transport").hasSize(2)
                .allSatisfy(run -> assertThat(run.path("delivered").asLong()).isPositive());
        assertThat(root.path("relay").path("latencyRuns")).as("one latency run on each relay JVM").hasSize(2)
                .allSatisfy(run -> assertThat(run.path("delivered").asLong()).isPositive());
        assertThat(root.path("loginStorm").path("loginsPerSecondRuns")).hasSize(2);
        assertThat(root.path("loginStorm").path("warmLoginsPerSecondRuns")).as("a warm storm on each transport")
                .hasSize(2).allSatisfy(rate -> assertThat(rate.asDouble()).isPositive());
        assertThat(root.path("bridge").path("errors").asLong()).isZero();
        assertThat(root.path("relay").path("latency").path("delivered").asLong()).isPositive();
        assertThat(root.path("idleHold").path("allOnline").path("activeUsers").asInt()).isEqualTo(50);
        assertThat(root.path("targets").size()).isEqualTo(6);
        assertThat(results.table()).contains("login storm, logins/s", "CPU ms per 1,000 msgs", "<= 2x relay", "<= 3x relay");
        JsonNode fresh = root.path("loginStorm").path("costFreshTransport");
        assertThat(fresh.path("msnConnectionsPerLogin").asDouble()).as("dispatch, then notification").isEqualTo(2.0);
        assertThat(fresh.path("msnCommandsPerLogin").asDouble()).isGreaterThanOrEqualTo(7.0);
        assertThat(fresh.path("storeCallsPerLogin").path("find").asDouble()).isEqualTo(1.0);
        assertThat(fresh.path("stanzasSentPerLogin").asDouble()).isPositive();
        JsonNode warm = root.path("loginStorm").path("costWarmTransport");
        assertThat(warm.path("logins").asInt()).as("everyone logged off and on again").isEqualTo(50);
        if (OS.LINUX.isCurrentOs()) {
            assertThat(root.path("environment").path("loopback").asText())
                    .startsWith("notification server on 4 loopback addresses, 127.0.0.1-127.0.0.4");
        }
    }

    @Test
    void scaleSmokeRunMeasuresEachPointOfTheCurve(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench-scale-results.json");
        ScaleResults results = BenchMain.runScale(BenchOptions.parse("--smoke", "--scale", "--out", json.toString()));

        assertThat(results.complete()).isTrue();
        assertThat(results.points()).extracting(ScaleResults.Point::users).containsExactly(20, 50);
        assertThat(results.points()).extracting(ScaleResults.Point::online).containsExactly(20, 50);
        assertThat(results.points()).allSatisfy(p -> {
            // 50 users' heap is within the noise of a heap reading, so only that one was taken
            assertThat(p.heapBytes()).isPositive();
            assertThat(p.heapKiBPerUser()).isNotNaN();
            assertThat(p.loginsPerSec()).isPositive();
            assertThat(p.threads()).isPositive();
        });
        assertThat(new ObjectMapper().readTree(json.toFile()).path("points").size()).isEqualTo(2);
        assertThat(results.table()).contains("KiB/user", "open files per process", "ephemeral ports");
    }

    @Test
    void clusterSmokeRunTakesTheKilledInstancesUsersOver(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench-cluster-results.json");
        ClusterResults results = BenchMain.runCluster(BenchOptions.parse("--smoke", "--cluster", "--out",
                json.toString()));

        assertThat(results.complete()).as("everyone online, and the killed instance's users back").isTrue();
        assertThat(results.held()).hasSize(2)
                .allSatisfy(held -> assertThat(held.claims()).as("each instance holds some users").isPositive());
        assertThat(results.held().stream().mapToInt(ClusterResults.Held::claims).sum()).isEqualTo(50);
        ClusterResults.Takeover takeover = results.takeover();
        assertThat(takeover.back()).isEqualTo(takeover.users());
        assertThat(takeover.survivorActive()).isEqualTo(50);
        assertThat(takeover.allBackMs()).isBetween(0L, 60_000L);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.path("takeover").path("users").asInt()).isEqualTo(takeover.users());
        assertThat(results.table()).contains("kill -9 of", "all back on MSN after");
    }
}
