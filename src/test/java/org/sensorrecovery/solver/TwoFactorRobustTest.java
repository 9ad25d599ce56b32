package org.sensorrecovery.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.sensing.Sensings;
import org.sensorrecovery.testing.Problems;
import org.sensorrecovery.testing.RectangularProblems;

/** The robust loss and noise-aware stopping on rectangular arrays: the same weights as the symmetric solver. */
class TwoFactorRobustTest {

    private static final int ROWS = 50;
    private static final int COLS = 35;
    private static final int R = 3;
    private static final int M = 6 * (ROWS + COLS) * R;

    @Test
    void robustLossRecoversBilinearSensingWithGrossErrorsAndNamesTheBrokenDevice() {
        Random rnd = new Random(51);
        double[] x = RectangularProblems.lowRank(ROWS, COLS, Problems.ones(R), rnd);
        List<Measurement> clean = RectangularProblems.bilinear(x, ROWS, COLS, M, rnd);
        double rms = Math.sqrt(clean.stream().mapToDouble(m -> m.y() * m.y()).average().orElseThrow());
        FactoredSolver<SvdEstimate> robust = FactoredSolver.rectangular(Sensings.twoFactor(Kind.BILINEAR, ROWS, COLS, M, Math.min(ROWS, COLS),
                Kernels.best()), SolverOptions.defaults().withLoss(Loss.ROBUST));
        FactoredSolver<SvdEstimate> l2 = TwoFactorFixtures.solver(Kind.BILINEAR, ROWS, COLS, List.of(), SolverOptions.defaults());
        List<Measurement> sent = new ArrayList<>();
        for (int i = 0; i < M; i++) {
            Measurement.Bilinear b = (Measurement.Bilinear) clean.get(i);
            boolean broken = i % 10 == 3;
            boolean gross = !broken && rnd.nextDouble() < 0.1;
            Measurement m = broken ? new Measurement.Bilinear(b.a(), b.b(), 20 * rms * (1 + rnd.nextDouble()))
                    : gross ? new Measurement.Bilinear(b.a(), b.b(), 50 * b.y()) : b;
            robust.add(m, broken ? "rx-7" : "rx-" + (i % 3));
            sent.add(m);
        }
        FactoredSolver<SvdEstimate> plain = TwoFactorFixtures.solver(Kind.BILINEAR, ROWS, COLS, sent, SolverOptions.defaults());
        robust.refine(2000);
        plain.refine(2000);
        SvdEstimate e = robust.estimate();
        double error = Problems.relativeError(e.matrix(), x);
        double l2Error = Problems.relativeError(plain.estimate().matrix(), x);
        assertTrue(error < 1e-6, "robust error " + error);
        assertTrue(l2Error > 1e-2, "l2 error " + l2Error);
        assertEquals(List.of("rx-7"), e.suspectDevices().stream().map(Estimate.SuspectDevice::device).toList());
        assertEquals(R, e.rank());
        assertTrue(l2.estimate().suspectDevices().isEmpty());
    }

    @Test
    void noisyBilinearSensingStopsNearTheBestIterate() {
        Random rnd = new Random(52);
        double[] x = RectangularProblems.lowRank(ROWS, COLS, Problems.ones(R), rnd);
        List<Measurement> noisy = new ArrayList<>();
        List<Measurement> clean = RectangularProblems.bilinear(x, ROWS, COLS, 2 * M, rnd);
        double sd = Math.sqrt(clean.stream().mapToDouble(m -> m.y() * m.y()).average().orElseThrow());
        for (Measurement m : clean) {
            Measurement.Bilinear b = (Measurement.Bilinear) m;
            noisy.add(new Measurement.Bilinear(b.a(), b.b(), b.y() + 0.05 * sd * rnd.nextGaussian()));
        }
        FactoredSolver<SvdEstimate> solver = TwoFactorFixtures.solver(Kind.BILINEAR, ROWS, COLS, noisy,
                SolverOptions.defaults().withHoldout(0.1));
        double best = Double.POSITIVE_INFINITY;
        RefineResult r = null;
        for (int it = 0; it < 3000; it++) {
            r = solver.refine(1);
            best = Math.min(best, TwoFactorFixtures.error(solver, x));
            if (r.status() != RefineResult.Status.BUDGET) {
                break;
            }
        }
        assertEquals(RefineResult.Status.VALIDATED, r.status());
        double last = TwoFactorFixtures.error(solver, x);
        assertTrue(last <= 1.2 * best, "stopped at " + last + ", best iterate " + best);
        assertTrue(Double.isFinite(solver.estimate().validationResidual()));
        assertEquals(0, solver.refine(100).iterations(), "stays put without new data");
    }
}
