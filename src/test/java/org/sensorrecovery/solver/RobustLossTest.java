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

/**
 * Gross errors in a share of the measurements (a sensor that saturates, a bit flip, a broken
 * device): least squares is ruined, the robust loss recovers X* and names the broken device.
 */
class RobustLossTest {

    private static final int D = 40;
    private static final int R = 3;
    private static final int M = 10 * D * R;

    /** Rank-one measurements of x, the given share of them with y replaced by 50 y. */
    private static List<Measurement> corrupted(double[] x, double share, Random rnd) {
        List<Measurement> out = new ArrayList<>();
        for (Measurement m : Fixtures.rankOne(x, D, M, 0.0, rnd)) {
            Measurement.RankOne r = (Measurement.RankOne) m;
            out.add(rnd.nextDouble() < share ? new Measurement.RankOne(r.a(), 50.0 * r.y()) : r);
        }
        return out;
    }

    private static double solve(List<Measurement> ms, double[] x, Loss loss, int budget) {
        FactoredSolver<Estimate> solver = Fixtures.solver(Kind.RANK_ONE, D, ms, SolverOptions.defaults().withLoss(loss));
        solver.refine(budget);
        return Fixtures.error(solver, x);
    }

    @Test
    void robustLossRecoversWhereLeastSquaresIsRuined() {
        Random rnd = new Random(31);
        double[] x = Problems.lowRankPsd(D, Problems.ones(R), rnd);
        List<Measurement> ms = corrupted(x, 0.2, rnd);
        double robust = solve(ms, x, Loss.ROBUST, 2000);
        double l2 = solve(ms, x, Loss.L2, 2000);
        assertTrue(robust < 1e-6, "robust error " + robust);
        assertTrue(l2 > 1e-2, "l2 error " + l2 + " (gross errors should ruin least squares)");
    }

    @Test
    void huberAndL1BeatLeastSquares() {
        Random rnd = new Random(32);
        double[] x = Problems.lowRankPsd(D, Problems.ones(R), rnd);
        List<Measurement> ms = corrupted(x, 0.1, rnd);
        double l2 = solve(ms, x, Loss.L2, 1000);
        double huber = solve(ms, x, Loss.HUBER, 1000);
        double l1 = solve(ms, x, Loss.L1, 1000);
        assertTrue(huber < 0.1 * l2, "huber " + huber + " vs l2 " + l2);
        assertTrue(l1 < 0.1 * l2, "l1 " + l1 + " vs l2 " + l2);
    }

    @Test
    void brokenDeviceIsNamedAndNoOther() {
        Random rnd = new Random(33);
        double[] x = Problems.lowRankPsd(D, Problems.ones(R), rnd);
        List<Measurement> clean = Fixtures.rankOne(x, D, M, 0.0, rnd);
        FactoredSolver<Estimate> solver = FactoredSolver.symmetric(Sensings.symmetric(Kind.RANK_ONE, D, M, D, Kernels.best()),
                SolverOptions.defaults().withLoss(Loss.ROBUST));
        int broken = 0;
        for (int i = 0; i < M; i++) {
            Measurement.RankOne r = (Measurement.RankOne) clean.get(i);
            if (i % 20 == 7) {
                // dev-3 is stuck: it reports a value unrelated to its measurement vector.
                solver.add(new Measurement.RankOne(r.a(), 40.0 * (1.0 + rnd.nextDouble())), "dev-3");
                broken++;
            } else {
                solver.add(r, "dev-" + (i % 3));
            }
        }
        solver.refine(2000);
        Estimate e = solver.estimate();
        assertTrue(Fixtures.error(solver, x) < 1e-6, "error " + Fixtures.error(solver, x));
        assertEquals(List.of("dev-3"), e.suspectDevices().stream().map(Estimate.SuspectDevice::device).toList(),
                "suspects " + e.suspectDevices());
        assertTrue(e.suspectDevices().get(0).outlierFraction() > 0.9, "fraction " + e.suspectDevices());
        assertTrue(e.outliers() >= broken && e.outliers() < broken + M / 10, "outliers " + e.outliers()
                + " for " + broken + " broken measurements");
        assertEquals(Loss.ROBUST, e.loss());
    }

    @Test
    void leastSquaresReportsNoOutliers() {
        Random rnd = new Random(34);
        double[] x = Problems.lowRankPsd(12, Problems.ones(2), rnd);
        FactoredSolver<Estimate> solver = Fixtures.solver(Kind.RANK_ONE, 12, Fixtures.rankOne(x, 12, 200, 0.0, rnd), SolverOptions.defaults());
        solver.refine(300);
        Estimate e = solver.estimate();
        assertEquals(-1, e.outliers());
        assertTrue(e.suspectDevices().isEmpty());
    }
}
