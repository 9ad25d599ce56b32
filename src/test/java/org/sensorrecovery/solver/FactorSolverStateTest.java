package org.sensorrecovery.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.sensing.InvalidMeasurementException;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.sensing.RankOneSensing;
import org.sensorrecovery.sensing.Sensings;
import org.sensorrecovery.testing.Problems;

/** Incremental use, bad input, checkpoints and divergence. */
class FactorSolverStateTest {

    private static final int D = 12;

    private final Random rnd = new Random(17);
    private final double[] x = Problems.lowRankPsd(D, new double[] {1.0, 0.6}, rnd);

    @Test
    void badMeasurementsAreRefusedAndLeaveTheSolverUnchanged() {
        FactoredSolver<Estimate> solver = Fixtures.solver(Kind.RANK_ONE, D, Fixtures.rankOne(x, D, 150, 0, rnd), SolverOptions.defaults());
        solver.refine(10);
        byte[] before = solver.checkpoint();
        int size = solver.sensing().size();
        double residual = solver.relativeResidual();

        assertEquals("a", assertThrows(InvalidMeasurementException.class,
                () -> solver.add(new Measurement.RankOne(new double[D + 1], 1.0))).field());
        double[] nan = new double[D];
        nan[3] = Double.NaN;
        assertEquals("a", assertThrows(InvalidMeasurementException.class,
                () -> solver.add(new Measurement.RankOne(nan, 1.0))).field());
        assertEquals("y", assertThrows(InvalidMeasurementException.class,
                () -> solver.add(new Measurement.RankOne(new double[D], Double.NEGATIVE_INFINITY))).field());
        assertEquals("kind", assertThrows(InvalidMeasurementException.class,
                () -> solver.add(new Measurement.Entry(0, 1, 1.0))).field());

        assertArrayEquals(before, solver.checkpoint());
        assertEquals(size, solver.sensing().size());
        assertEquals(residual, solver.relativeResidual());
    }

    @Test
    void itsStateReadsAsTextForADiagnosis() {
        FactoredSolver<Estimate> solver = Fixtures.solver(Kind.RANK_ONE, D, Fixtures.rankOne(x, D, 300, 0, rnd), SolverOptions.defaults());
        assertTrue(solver.toString().startsWith("width 12 of 12 (exploring; cap 12, started at 12; 0 widenings"),
                solver.toString());
        assertEquals(RefineResult.Status.CONVERGED, solver.refine(2000).status());
        assertTrue(solver.toString().startsWith("width 2 of 12 (truncated; "), solver.toString());
        assertTrue(solver.toString().contains(solver.iterations() + " iterations"), solver.toString());
    }

    @Test
    void checkpointRestoresFactorStepAndCountersExactly() {
        List<Measurement> ms = Fixtures.rankOne(x, D, 200, 0, rnd);
        FactoredSolver<Estimate> first = Fixtures.solver(Kind.RANK_ONE, D, ms, SolverOptions.defaults().withTolerance(0));
        first.refine(25);
        byte[] saved = first.checkpoint();

        FactoredSolver<Estimate> second = Fixtures.solver(Kind.RANK_ONE, D, ms, SolverOptions.defaults().withTolerance(0));
        second.restore(saved);
        assertArrayEquals(saved, second.checkpoint());
        assertArrayEquals(first.leftFactor(), second.leftFactor());
        assertEquals(first.iterations(), second.iterations());
        assertEquals(first.stepSize(), second.stepSize());

        // The restored copy resumes (its conjugate-gradient memory starts afresh) and reaches the same answer.
        first.refine(500);
        second.refine(500);
        assertTrue(second.iterations() > 25, "iterations " + second.iterations());
        assertTrue(Fixtures.error(first, x) < 1e-9 && Fixtures.error(second, x) < 1e-9,
                "errors " + Fixtures.error(first, x) + ", " + Fixtures.error(second, x));
    }

    @Test
    void checkpointOfAnotherShapeIsRefusedWithAReason() {
        FactoredSolver<Estimate> small = Fixtures.solver(Kind.RANK_ONE, 5, List.of(new Measurement.RankOne(new double[5], 0)),
                SolverOptions.defaults());
        small.refine(1);
        FactoredSolver<Estimate> other = Fixtures.solver(Kind.RANK_ONE, D, Fixtures.rankOne(x, D, 10, 0, rnd), SolverOptions.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.restore(small.checkpoint()));
        assertTrue(e.getMessage().contains("d=5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> other.restore(new byte[] {1, 2, 3}));
    }

    @Test
    void aDivergingRunIsDetectedResetAndNeverYieldsNaN() {
        FactoredSolver<Estimate> solver = Fixtures.solver(Kind.RANK_ONE, D, Fixtures.rankOne(x, D, 150, 0, rnd),
                SolverOptions.defaults().withMethod(Method.GD).withEta(1e6).withTolerance(0));
        RefineResult.Status last = null;
        for (int i = 0; i < 50 && last != RefineResult.Status.RESET; i++) {
            last = solver.refine(1).status();
        }
        // A huge fixed step overflows to Infinity/NaN: the safeguard halves it until the loss is finite
        // and decreasing, so the run either makes progress or is reset; never a NaN estimate.
        Estimate estimate = solver.estimate();
        for (double v : solver.leftFactor()) {
            assertTrue(Double.isFinite(v));
        }
        assertTrue(Double.isFinite(estimate.residual()));
        for (double ev : estimate.eigenvalues()) {
            assertTrue(Double.isFinite(ev));
        }
    }

    @Test
    void measurementsAddedLaterAreUsedAndTheWindowStaysBounded() {
        RankOneSensing window = new RankOneSensing(D, 300, D, Kernels.best());
        FactoredSolver<Estimate> solver = FactoredSolver.symmetric(window, SolverOptions.defaults());
        assertEquals(RefineResult.Status.EMPTY, solver.refine(10).status());
        for (int batch = 0; batch < 10; batch++) {
            for (Measurement m : Fixtures.rankOne(x, D, 60, 0, rnd)) {
                solver.add(m);
            }
            solver.refine(40);
            assertTrue(window.size() <= 300);
        }
        assertEquals(300, window.size());
        assertEquals(600, window.added());
        solver.refine(500);
        assertTrue(Fixtures.error(solver, x) < 1e-8, "error " + Fixtures.error(solver, x));
    }

    @Test
    void aWallTimeBudgetStopsRefiningOnTheInjectedClock() {
        AtomicLong now = new AtomicLong();
        // Each reading of the clock advances it by 1 ms.
        FactoredSolver<Estimate> solver = FactoredSolver.symmetric(Sensings.symmetric(Kind.RANK_ONE, D, 200, D, Kernels.best()),
                SolverOptions.defaults().withTolerance(0), () -> now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1)));
        Fixtures.rankOne(x, D, 200, 0, rnd).forEach(solver::add);
        RefineResult result = solver.refine(Integer.MAX_VALUE, TimeUnit.MILLISECONDS.toNanos(5));
        assertEquals(RefineResult.Status.BUDGET, result.status());
        assertTrue(result.iterations() >= 1 && result.iterations() <= 5, "iterations " + result.iterations());
    }
}
