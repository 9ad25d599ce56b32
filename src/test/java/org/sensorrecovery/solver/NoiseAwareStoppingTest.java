package org.sensorrecovery.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
 * Model-free early stopping (Jiang, Chen &amp; Ding): with noise, over-parameterized GD fits the
 * signal first and the noise afterwards; a held-out share of the window tells when to stop.
 */
class NoiseAwareStoppingTest {

    private static final int D = 50;
    private static final int R = 3;
    private static final int M = 5 * D * R;

    /** Rank-one measurements with Gaussian noise of 5% of std(y). */
    private static List<Measurement> noisy(double[] x, int m, Random rnd) {
        List<Measurement> clean = Fixtures.rankOne(x, D, m, 0.0, rnd);
        double mean = clean.stream().mapToDouble(Measurement::y).average().orElseThrow();
        double sd = Math.sqrt(clean.stream().mapToDouble(q -> (q.y() - mean) * (q.y() - mean)).sum() / m);
        List<Measurement> out = new ArrayList<>();
        for (Measurement q : clean) {
            Measurement.RankOne r = (Measurement.RankOne) q;
            out.add(new Measurement.RankOne(r.a(), r.y() + 0.05 * sd * rnd.nextGaussian()));
        }
        return out;
    }

    /** Runs one step at a time; returns {final error, best error of the run, status ordinal}. */
    private static double[] run(SolverOptions options, long seed, int budget) {
        Random rnd = new Random(seed);
        double[] x = Problems.lowRankPsd(D, Problems.ones(R), rnd);
        FactoredSolver<Estimate> solver = Fixtures.solver(Kind.RANK_ONE, D, noisy(x, M, rnd), options);
        double best = Double.POSITIVE_INFINITY;
        RefineResult r = null;
        for (int it = 0; it < budget; it++) {
            r = solver.refine(1);
            best = Math.min(best, Fixtures.error(solver, x));
            if (r.status() != RefineResult.Status.BUDGET) {
                break;
            }
        }
        return new double[] {Fixtures.error(solver, x), best, r.status().ordinal()};
    }

    @Test
    void stoppedEstimateIsNearTheBestIterateWithTheDefaultMethod() {
        double[] r = run(SolverOptions.defaults().withHoldout(0.1), 41, 3000);
        assertEquals(RefineResult.Status.VALIDATED.ordinal(), (int) r[2], "stopped by the held-out residual");
        assertTrue(r[0] <= 1.2 * r[1], "stopped at " + r[0] + ", best iterate " + r[1]);
    }

    @Test
    void earlyStoppingKeepsPlainGradientDescentFromFittingTheNoise() {
        SolverOptions gd = SolverOptions.defaults().withMethod(Method.GD);
        double[] stopped = run(gd.withHoldout(0.1), 41, 3000);
        double[] free = run(gd, 41, 3000);
        assertEquals(RefineResult.Status.VALIDATED.ordinal(), (int) stopped[2]);
        assertTrue(stopped[0] <= 1.2 * stopped[1], "stopped at " + stopped[0] + ", best iterate " + stopped[1]);
        // Without the holdout the same run drifts on into the noise: the check above can fail.
        assertTrue(free[0] > 1.2 * free[1], "without validation: final " + free[0] + ", best " + free[1]);
    }

    @Test
    void stoppedSolverStaysPutUntilFreshDataThenResumes() {
        Random rnd = new Random(42);
        double[] x = Problems.lowRankPsd(D, Problems.ones(R), rnd);
        List<Measurement> stream = noisy(x, 4 * M, rnd);
        FactoredSolver<Estimate> solver = FactoredSolver.symmetric(Sensings.symmetric(Kind.RANK_ONE, D, stream.size(), D, Kernels.best()),
                SolverOptions.defaults().withHoldout(0.1));
        stream.subList(0, M).forEach(solver::add);
        RefineResult r = solver.refine(3000);
        assertEquals(RefineResult.Status.VALIDATED, r.status());
        double first = Fixtures.error(solver, x);
        assertTrue(Double.isFinite(solver.estimate().validationResidual()));

        double[] factor = solver.leftFactor();
        RefineResult idle = solver.refine(500);
        assertEquals(RefineResult.Status.VALIDATED, idle.status());
        assertEquals(0, idle.iterations(), "no new data: no steps");
        assertArrayEquals(factor, solver.leftFactor());

        for (int from = M; from < stream.size(); from += M / 2) {
            stream.subList(from, from + M / 2).forEach(solver::add);
            RefineResult more = solver.refine(500);
            assertTrue(more.iterations() > 0, "fresh data must be tried, got " + more);
        }
        double last = Fixtures.error(solver, x);
        assertTrue(last < 0.75 * first, "4x the data: error " + last + " vs " + first);
    }

    @Test
    void noHoldoutMeansNoValidationResidual() {
        Random rnd = new Random(43);
        double[] x = Problems.lowRankPsd(10, Problems.ones(2), rnd);
        FactoredSolver<Estimate> solver = Fixtures.solver(Kind.RANK_ONE, 10, Fixtures.rankOne(x, 10, 150, 0.0, rnd), SolverOptions.defaults());
        solver.refine(200);
        assertTrue(Double.isNaN(solver.estimate().validationResidual()));
    }
}
