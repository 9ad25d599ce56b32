package org.sensorrecovery.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.testing.Problems;
import org.sensorrecovery.testing.RectangularProblems;

/**
 * Rectangular recovery X = U V^T (Soltanolkotabi, Stoger &amp; Xie 2023) with the default method:
 * k = min(rows, cols) from a small start, truncation to the detected rank plus a margin, then the
 * preconditioned two-factor step. Noiseless problems: the bounds are far above rounding.
 */
class TwoFactorSolverRecoveryTest {

    private static final int ROWS = 50;
    private static final int COLS = 35;
    private static final int R = 3;
    /** m = 6 (rows + cols) r, about 2.4 times the r (rows + cols - r) degrees of freedom. */
    private static final int M = 6 * (ROWS + COLS) * R;

    @Test
    void recoversAFiftyByThirtyFiveRankThreeMatrixFromBilinearMeasurementsWithoutBeingToldTheRank() {
        Random rnd = new Random(41);
        double[] x = RectangularProblems.lowRank(ROWS, COLS, Problems.ones(R), rnd);
        List<Measurement> ms = RectangularProblems.bilinear(x, ROWS, COLS, M, rnd);
        FactoredSolver<SvdEstimate> solver = TwoFactorFixtures.solver(Kind.BILINEAR, ROWS, COLS, ms, SolverOptions.defaults());
        solver.refine(1000);
        SvdEstimate estimate = solver.estimate();
        assertEquals(R, estimate.rank());
        double error = Problems.relativeError(estimate.matrix(), x);
        assertTrue(error < 1e-6, "relative error " + error);
        assertTrue(solver.width() < Math.min(ROWS, COLS), "the factors were truncated, k = " + solver.width());
    }

    @Test
    void conditionNumberTenCostsAtMostTwiceTheIterationsOfOne() {
        double[] kappas = {1, 10};
        int[] counts = new int[2];
        for (int c = 0; c < 2; c++) {
            Random rnd = new Random(43);
            double[] x = RectangularProblems.lowRank(ROWS, COLS, Problems.geometric(R, kappas[c]), rnd);
            List<Measurement> ms = RectangularProblems.bilinear(x, ROWS, COLS, M, rnd);
            FactoredSolver<SvdEstimate> solver = TwoFactorFixtures.solver(Kind.BILINEAR, ROWS, COLS, ms,
                    SolverOptions.defaults().withTolerance(0));
            counts[c] = TwoFactorFixtures.iterationsToError(solver, x, 1e-6, 1000);
        }
        assertTrue(counts[0] <= 1000 && counts[1] <= 2 * counts[0],
                "iterations to 1e-6: kappa 1 -> " + counts[0] + ", kappa 10 -> " + counts[1]);
    }

    @Test
    void completesASixtyByFortyRankTwoMatrixFromHalfItsEntries() {
        int rows = 60;
        int cols = 40;
        Random rnd = new Random(47);
        double[] x = RectangularProblems.lowRank(rows, cols, new double[] {1.0, 0.5}, rnd);
        List<Measurement> entries = RectangularProblems.entries(x, rows, cols, 0.5, rnd);
        FactoredSolver<SvdEstimate> solver = TwoFactorFixtures.solver(Kind.ENTRY, rows, cols, entries, SolverOptions.defaults());
        solver.refine(3000);
        SvdEstimate estimate = solver.estimate();
        double error = Problems.relativeError(estimate.matrix(), x);
        assertTrue(error < 1e-3, "relative error " + error);
        assertEquals(2, estimate.rank());
    }

    /**
     * Singular values 1 and 0.1 have a gap of 10 between them: once the factors are truncated to
     * width 2 nothing lies below them, and the gap must not be read as the separation from spare
     * columns (which would drop the second direction and report rank 1).
     */
    @Test
    void aGapInsideTheSignalIsNotMistakenForTheRank() {
        int rows = 60;
        int cols = 40;
        Random rnd = new Random(53);
        double[] x = RectangularProblems.lowRank(rows, cols, new double[] {1.0, 0.1}, rnd);
        List<Measurement> ms = RectangularProblems.bilinear(x, rows, cols, 1600, rnd);
        FactoredSolver<SvdEstimate> solver = TwoFactorFixtures.solver(Kind.BILINEAR, rows, cols, ms, SolverOptions.defaults());
        solver.refine(1000);
        SvdEstimate estimate = solver.estimate();
        assertEquals(2, estimate.rank());
        assertEquals(0.1, estimate.singularValues()[1], 1e-8);
        assertTrue(Problems.relativeError(estimate.matrix(), x) < 1e-8);
    }

    @Test
    void plainGradientDescentAlsoRecoversButMoreSlowly() {
        Random rnd = new Random(59);
        double[] x = RectangularProblems.lowRank(ROWS, COLS, Problems.ones(R), rnd);
        List<Measurement> ms = RectangularProblems.bilinear(x, ROWS, COLS, M, rnd);
        FactoredSolver<SvdEstimate> gd = TwoFactorFixtures.solver(Kind.BILINEAR, ROWS, COLS, ms,
                SolverOptions.defaults().withMethod(Method.GD).withTolerance(0));
        int gdIterations = TwoFactorFixtures.iterationsToError(gd, x, 1e-3, 3000);
        FactoredSolver<SvdEstimate> precond = TwoFactorFixtures.solver(Kind.BILINEAR, ROWS, COLS, ms,
                SolverOptions.defaults().withTolerance(0));
        int precondIterations = TwoFactorFixtures.iterationsToError(precond, x, 1e-3, 3000);
        assertTrue(gdIterations <= 3000, "plain GD iterations to 1e-3: " + gdIterations);
        assertTrue(precondIterations < gdIterations,
                "preconditioned " + precondIterations + " vs plain GD " + gdIterations);
    }
}
