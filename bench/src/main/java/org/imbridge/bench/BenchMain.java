package org.imbridge.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

import org.imbridge.bench.report.ClusterResults;
import org.imbridge.bench.report.Results;
import org.imbridge.bench.report.ScaleResults;

/**
 * The one command: {@code java -jar bench/target/bench.jar [--smoke] [options]} runs every scenario,
 * prints the table and writes the JSON ({@code --help} lists the options); {@code --cluster} runs the
 * several-instances scenario instead, {@code --scale} the scaling curve.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        var relaunch = DriverJvm.relaunchCommand(args);
        if (relaunch.isPresent()) {
            int status = DriverJvm.run(relaunch.get());
            if (status >= 0) {
                System.exit(status);
                return;
            }
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.cluster()) {
            ClusterResults cluster = runCluster(options);
            System.out.println();
            System.out.print(cluster.table());
            System.out.println("JSON: " + options.out().toAbsolutePath());
            System.exit(cluster.complete() ? 0 : 1);
            return;
        }
        if (!options.scale().isEmpty()) {
            ScaleResults scale = runScale(options);
            System.out.println();
            System.out.print(scale.table());
            System.out.println("JSON: " + options.out().toAbsolutePath());
            System.exit(scale.complete() ? 0 : 1);
            return;
        }
        Results results = run(options);
        System.out.println();
        System.out.print(results.table());
        System.out.println("JSON: " + options.out().toAbsolutePath());
        System.exit(0);
    }

    /** Runs the several-instances scenario and writes its JSON; progress lines go to stdout. */
    public static ClusterResults runCluster(BenchOptions options) throws Exception {
        ClusterResults results = new ClusterRun(options, BenchMain::progress).run();
        results.writeJson(options.out());
        return results;
    }

    /** Runs the scaling curve and writes its JSON; progress lines go to stdout. */
    public static ScaleResults runScale(BenchOptions options) throws Exception {
        ScaleResults results = new ScaleRun(options, BenchMain::progress).run();
        results.writeJson(options.out());
        return results;
    }

    private static void progress(String line) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
    }

    /** Runs the bench and writes the JSON; progress lines go to stdout. */
    public static Results run(BenchOptions options) throws Exception {
        Results results = new BenchRun(options, BenchMain::progress).run();
        results.writeJson(options.out());
        return results;
    }
}
