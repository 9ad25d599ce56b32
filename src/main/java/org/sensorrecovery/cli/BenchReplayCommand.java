package org.sensorrecovery.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.sensorrecovery.bench.ReplayReadRate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Offline replay read rate: a capture of rank-one measurements read and fed to a solver window. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Measurements/s an offline replay reads from a capture into the solver's window (median of runs).")
final class BenchReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--count", defaultValue = "1000000", description = "Measurements in the capture (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--d", defaultValue = "32", description = "Dimension (default ${DEFAULT-VALUE}).")
    int d;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs after one warm-up (default ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        double[] rates = ReplayReadRate.measure(d, count, runs);
        out.printf("offline replay, rank-one d=%d, %d measurements: median %.0f measurements/s (min %.0f, max %.0f)%n",
                d, count, rates[runs / 2], rates[0], rates[runs - 1]);
        out.flush();
        return 0;
    }
}
