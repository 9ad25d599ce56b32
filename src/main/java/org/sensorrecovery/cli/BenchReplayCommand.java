package org.sensorrecovery.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.sensorrecovery.capture.Capture;
import org.sensorrecovery.journal.ArrayJournal;
import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Sensings;
import org.sensorrecovery.sensing.SymmetricSensing;
import org.sensorrecovery.simulate.SimulatedArray;
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
        Path dir = Files.createTempDirectory("bench-replay");
        SimulatedArray sim = new SimulatedArray(Kind.RANK_ONE, d, new double[] {3, 2, 1}, 0, 9);
        try (ArrayJournal j = ArrayJournal.open(dir.resolve("journal"))) {
            for (int i = 0; i < count; i++) {
                j.append(new JournalRecord(i, "bench", i, sim.next()));
            }
        }
        SymmetricSensing window = Sensings.symmetric(Kind.RANK_ONE, d, 65_536, d, Kernels.best());
        double[] rates = new double[runs];
        for (int run = -1; run < runs; run++) {
            long t0 = System.nanoTime();
            long n = Capture.forEach(dir, r -> window.add(r.measurement()));
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            if (run >= 0) {
                rates[run] = rate;
            }
        }
        deleteTree(dir);
        Arrays.sort(rates);
        out.printf("offline replay, rank-one d=%d, %d measurements: median %.0f measurements/s (min %.0f, max %.0f)%n",
                d, count, rates[runs / 2], rates[0], rates[runs - 1]);
        out.flush();
        return 0;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
