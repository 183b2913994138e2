package org.imbridge.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.imbridge.bench.driver.Latencies;
import org.junit.jupiter.api.Test;

class ResultsTest {

    @Test
    void theJitCompilersAndCollectorAreTheCpuOfNoListedThread() {
        Results.Step step = step(120.0, Map.of("ShortReadNioProcessor-N", 80.0, "imbridge-worker-N", 25.5));

        assertThat(Results.unlistedMsPer1000(step)).isCloseTo(14.5, Offset.offset(1e-9));
    }

    @Test
    void listedThreadsRoundedAboveTheTotalLeaveNothingRatherThanANegativeShare() {
        assertThat(Results.unlistedMsPer1000(step(10.0, Map.of("a", 6.02, "b", 4.0)))).isZero();
        assertThat(Results.unlistedMsPer1000(step(10.0, Map.of()))).isEqualTo(10.0);
    }

    @Test
    void theWarmStormFiguresAreTheMedianStormsWithTheRangeOfAll() {
        Results results = new Results(Map.of());
        results.warmLogin(warmStorm(10.0, 1.1));
        results.warmLogin(warmStorm(8.0, 0.8));
        results.warmLogin(warmStorm(12.5, 0.9));

        assertThat(results.warmLogin().perSecond()).isEqualTo(1000.0);
        assertThat(results.warmLogin().cpuMs()).isEqualTo(1.1);
        assertThat(results.table()).contains("1,000 [800–1,250]", "1.10 [0.80–1.10]");
    }

    @Test
    void theStormsCpuPerLoginIsTheMedianOfAllCountedStorms() {
        Results results = new Results(Map.of());
        results.stormCpu(1.9);
        results.stormCpu(3.2);
        results.stormCpu(1.8);

        assertThat(results.stormCpuMsPerLogin()).isEqualTo(1.9);
        assertThat(results.table()).contains("1.90 [1.80–3.20]");
    }

    /** 10,000 logins in {@code seconds}. */
    private static LoginCost warmStorm(double seconds, double cpuMs) {
        return new LoginCost(10_000, seconds, cpuMs, Map.of(), 0, 0.5, 2, 9, Map.of(), 0.1, 11);
    }

    private static Results.Step step(double cpuMsPer1000, Map<String, Double> threads) {
        return new Results.Step(5000, 10, 50_000, 5000, 50_000, 5000, new Latencies.Summary(50_000, 0.3, 4, 10, 20),
                cpuMsPer1000, 40, threads, 50, 30, 0, true);
    }
}
