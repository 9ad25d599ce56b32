package org.sensorrecovery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;

import org.sensorrecovery.capture.Capture;
import org.sensorrecovery.journal.ArrayJournal;
import org.sensorrecovery.journal.JournalFullException;
import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Sensings;
import org.sensorrecovery.sensing.SymmetricSensing;
import org.sensorrecovery.simulate.SimulatedArray;

/**
 * Offline replay read rate: a journal of count rank-one measurements of dimension d, read back
 * and fed to a solver window, one untimed run and then the timed ones.
 */
public final class ReplayReadRate {

    private ReplayReadRate() {
    }

    /** Measurements/s of each timed run, sorted ascending. */
    public static double[] measure(int d, int count, int runs) throws IOException, JournalFullException {
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
        return rates;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
