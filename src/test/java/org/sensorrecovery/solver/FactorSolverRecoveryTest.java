package org.sensorrecovery.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.testing.Problems;

/** The figures the solver issue asks for, each from a fixed seed. */
class FactorSolverRecoveryTest {

    @Test
    void recoversRankFiveFromFiveDrRankOneMeasurementsWithoutBeingToldTheRank() {
        int d = 100;
        int r = 5;
        Random rnd = new Random(1);
        double[] x = Problems.lowRankPsd(d, Problems.ones(r), rnd);
        FactoredSolver<Estimate> solver = Fixtures.solver(Kind.RANK_ONE, d, Fixtures.rankOne(x, d, 5 * d * r, 0, rnd),
                SolverOptions.defaults());
        RefineResult result = solver.refine(1000);
        assertEquals(RefineResult.Status.CONVERGED, result.status());
        assertTrue(Fixtures.error(solver, x) < 1e-6, "error " + Fixtures.error(solver, x));
        assertEquals(5, solver.estimate().rank());
    }

    @Test
    void recoversSeededGaussianSensingFromFiveDrMeasurements() {
        int d = 40;
        int r = 3;
        Random rnd = new Random(2);
        double[] x = Problems.lowRankPsd(d, Problems.ones(r), rnd);
        FactoredSolver<Estimate> solver = Fixtures.solver(Kind.GAUSSIAN, d, Fixtures.gaussian(x, d, 5 * d * r, 100, 0, rnd),
                SolverOptions.defaults());
        solver.refine(1000);
        assertTrue(Fixtures.error(solver, x) < 1e-6, "error " + Fixtures.error(solver, x));
        assertEquals(3, solver.estimate().rank());
    }

    @Test
    void completesASixtyBySixtyRankTwoMatrixFromFortyPercentOfItsEntries() {
        int d = 60;
        Random rnd = new Random(3);
        double[] x = Problems.lowRankPsd(d, new double[] {1.0, 0.5}, rnd);
        List<Measurement.Entry> entries = Problems.entries(x, d, 0.4, rnd);
        FactoredSolver<Estimate> solver = Fixtures.solver(Kind.ENTRY, d, entries, SolverOptions.defaults());
        solver.refine(3000);
        assertTrue(Fixtures.error(solver, x) < 1e-4, "error " + Fixtures.error(solver, x));
        assertEquals(2, solver.estimate().rank());
    }

    @Test
    void estimateReconstructsTheFactorProductFromItsEigenpairs() {
        int d = 20;
        Random rnd = new Random(4);
        double[] x = Problems.lowRankPsd(d, new double[] {2.0, 1.0}, rnd);
        FactoredSolver<Estimate> solver = Fixtures.solver(Kind.RANK_ONE, d, Fixtures.rankOne(x, d, 400, 0, rnd),
                SolverOptions.defaults());
        solver.refine(1000);
        Estimate estimate = solver.estimate();
        assertEquals(2, estimate.rank());
        assertTrue(estimate.eigenvalues()[0] >= estimate.eigenvalues()[1]);
        assertEquals(2.0, estimate.eigenvalues()[0], 1e-6);
        for (double[] v : estimate.eigenvectors()) {
            double n = 0;
            for (double c : v) {
                n += c * c;
            }
            assertEquals(1.0, n, 1e-12);
        }
        assertTrue(Problems.relativeError(estimate.matrix(), x) < 1e-6);
        assertTrue(estimate.residual() < 1e-6);
    }

    @Test
    void errorScalesWithTheNoiseLevel() {
        int d = 30;
        int r = 2;
        double[] errors = new double[2];
        double[] sigmas = {1e-3, 1e-2};
        for (int n = 0; n < 2; n++) {
            Random rnd = new Random(5);
            double[] x = Problems.lowRankPsd(d, Problems.ones(r), rnd);
            FactoredSolver<Estimate> solver = Fixtures.solver(Kind.RANK_ONE, d, Fixtures.rankOne(x, d, 20 * d * r, sigmas[n], rnd),
                    SolverOptions.defaults());
            solver.refine(2000);
            errors[n] = Fixtures.error(solver, x);
        }
        // Same data up to the noise draw scaled 10x: the error should grow about 10x (5x..20x),
        // and stay of the order of sigma (below 10 sigma).
        double ratio = errors[1] / errors[0];
        assertTrue(ratio > 5 && ratio < 20, "ratio " + ratio + " errors " + errors[0] + ", " + errors[1]);
        assertTrue(errors[0] < 10 * sigmas[0], "error " + errors[0]);
    }

    /**
     * Eigenvalues 1 and 0.1: a gap of 10 inside the signal, and nothing below it once the factor is
     * truncated. The widest-gap rule alone would read rank 1 and drop the second direction.
     */
    @Test
    void aGapInsideTheSignalIsNotMistakenForTheRank() {
        for (Kind kind : new Kind[] {Kind.RANK_ONE, Kind.GAUSSIAN}) {
            Random rnd = new Random(71);
            int d = 20;
            double[] x = Problems.lowRankPsd(d, new double[] {1.0, 0.1}, rnd);
            List<Measurement> ms = kind == Kind.RANK_ONE
                    ? Fixtures.rankOne(x, d, 400, 0.0, rnd) : Fixtures.gaussian(x, d, 400, 1000, 0.0, rnd);
            FactoredSolver<Estimate> solver = Fixtures.solver(kind, d, ms, SolverOptions.defaults());
            solver.refine(2000);
            Estimate e = solver.estimate();
            assertEquals(2, e.rank(), kind + ": rank");
            double error = Fixtures.error(solver, x);
            assertTrue(error < 1e-6, kind + ": relative error " + error);
        }
    }
}
