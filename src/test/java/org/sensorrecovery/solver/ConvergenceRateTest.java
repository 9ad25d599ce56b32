package org.sensorrecovery.solver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.testing.Problems;

/** Why the preconditioned step is the default: over-parameterization and ill-conditioning. */
class ConvergenceRateTest {

    /**
     * With k = 6 &gt; r = 3, plain GD slows to a sublinear rate (Xiong, Ding &amp; Du 2023): the spare
     * columns shrink only as fast as their own cube. Rank-one sensing with Gaussian a_i.
     */
    @Test
    void overParameterizedPlainGdStallsWhereThePreconditionedStepConverges() {
        int d = 50;
        int r = 3;
        Random rnd = new Random(21);
        double[] x = Problems.lowRankPsd(d, Problems.ones(r), rnd);
        List<Measurement> ms = Fixtures.rankOne(x, d, 10 * d * r, 0, rnd);

        FactoredSolver<Estimate> gd = Fixtures.solver(Kind.RANK_ONE, d, ms,
                SolverOptions.defaults().withMethod(Method.GD).withRankBound(6).withShrink(false).withTolerance(0));
        gd.refine(20_000);
        double gdError = Fixtures.error(gd, x);
        assertTrue(gdError > 1e-6, "plain GD error after 2e4 iterations " + gdError);

        FactoredSolver<Estimate> precond = Fixtures.solver(Kind.RANK_ONE, d, ms,
                SolverOptions.defaults().withRankBound(6).withTolerance(0));
        int iterations = iterationsToError(precond, x, 1e-10, 300);
        assertTrue(iterations <= 300, "preconditioned iterations to 1e-10: " + iterations);
    }

    @Test
    void conditionNumberOneHundredCostsAtMostTwiceTheIterationsOfOne() {
        int d = 50;
        int r = 5;
        int[] counts = new int[2];
        double[] kappas = {1, 100};
        for (int c = 0; c < 2; c++) {
            Random rnd = new Random(31);
            double[] x = Problems.lowRankPsd(d, Problems.geometric(r, kappas[c]), rnd);
            List<Measurement> ms = Fixtures.gaussian(x, d, 5 * d * r, 5_000, 0, rnd);
            FactoredSolver<Estimate> solver = Fixtures.solver(Kind.GAUSSIAN, d, ms, SolverOptions.defaults().withTolerance(0));
            counts[c] = iterationsToError(solver, x, 1e-6, 2000);
        }
        assertTrue(counts[0] < 2000 && counts[1] <= 2 * counts[0],
                "iterations to 1e-6: kappa 1 -> " + counts[0] + ", kappa 100 -> " + counts[1]);
    }

    /** Accepted steps until the relative Frobenius error falls below target (max + 1 if never). */
    static int iterationsToError(FactoredSolver<Estimate> solver, double[] x, double target, int max) {
        while (solver.iterations() < max) {
            RefineResult result = solver.refine(1);
            if (Fixtures.error(solver, x) < target) {
                return (int) solver.iterations();
            }
            if (result.status() == RefineResult.Status.STALLED || result.status() == RefineResult.Status.CONVERGED) {
                break;
            }
        }
        return max + 1;
    }
}
