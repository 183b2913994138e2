package org.imbridge.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.imbridge.bench.driver.Latencies;

/**
 * One scenario run several times: its figures are the medians of the runs, and their spread is shown as
 * min–max, so that one lucky or unlucky run does not make the figure.
 */
public final class Repeated {

    private Repeated() {
    }

    /**
     * A step whose every figure is the median of the runs' (each percentile on its own), sustained when
     * most runs were.
     */
    public static Results.Step median(List<Results.Step> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        Results.Step first = runs.get(0);
        Latencies.Summary latency = new Latencies.Summary((int) median(runs, s -> s.latency().count()),
                median(runs, s -> s.latency().p50()), median(runs, s -> s.latency().p99()),
                median(runs, s -> s.latency().p999()), median(runs, s -> s.latency().max()));
        long sustained = runs.stream().filter(Results.Step::sustained).count();
        return new Results.Step(first.offered(), first.seconds(), (long) median(runs, Results.Step::sent),
                median(runs, Results.Step::sentPerSecond), (long) median(runs, Results.Step::delivered),
                median(runs, Results.Step::deliveredPerSecond), latency, median(runs, Results.Step::cpuMsPer1000),
                median(runs, Results.Step::systemMsPer1000), Map.of(), median(runs, Results.Step::nodeCpuPercent),
                median(runs, Results.Step::driverCpuPercent), (long) median(runs, Results.Step::errors),
                sustained * 2 > runs.size());
    }

    /** The median of {@code figure} over the runs (the mean of the middle two for an even count). */
    public static <T> double median(List<T> runs, ToDoubleFunction<T> figure) {
        double[] v = runs.stream().mapToDouble(figure).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** "min–max" of {@code figure} over the runs, with {@code decimals}; empty for a single run. */
    public static <T> String range(List<T> runs, ToDoubleFunction<T> figure, int decimals) {
        if (runs.size() < 2) {
            return "";
        }
        double[] v = runs.stream().mapToDouble(figure).toArray();
        String f = "%,." + decimals + "f";
        return " [" + String.format(f, Arrays.stream(v).min().orElseThrow()) + "–"
                + String.format(f, Arrays.stream(v).max().orElseThrow()) + "]";
    }

    /** The values of {@code figure}, run by run, for the JSON. */
    public static <T> List<Double> values(List<T> runs, ToDoubleFunction<T> figure) {
        List<Double> out = new ArrayList<>();
        runs.forEach(r -> out.add(figure.applyAsDouble(r)));
        return out;
    }
}
