package org.sensorrecovery.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.sensing.InvalidMeasurementException;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.testing.RectangularProblems;

/** Bad input, checkpoints and divergence of the two-factor solver. */
class TwoFactorSolverStateTest {

    private static final int ROWS = 14;
    private static final int COLS = 9;

    private final Random rnd = new Random(19);
    private final double[] x = RectangularProblems.lowRank(ROWS, COLS, new double[] {1.0, 0.6}, rnd);

    @Test
    void badMeasurementsAreRefusedAndLeaveTheSolverUnchanged() {
        FactoredSolver<SvdEstimate> solver = TwoFactorFixtures.solver(Kind.BILINEAR, ROWS, COLS,
                RectangularProblems.bilinear(x, ROWS, COLS, 200, rnd), SolverOptions.defaults());
        solver.refine(10);
        byte[] before = solver.checkpoint();
        double residual = solver.relativeResidual();
        assertEquals("b", assertThrows(InvalidMeasurementException.class,
                () -> solver.add(new Measurement.Bilinear(new double[ROWS], new double[ROWS], 1.0))).field());
        assertEquals("a", assertThrows(InvalidMeasurementException.class,
                () -> solver.add(new Measurement.Bilinear(new double[COLS], new double[COLS], 1.0))).field());
        assertEquals("kind", assertThrows(InvalidMeasurementException.class,
                () -> solver.add(new Measurement.RankOne(new double[ROWS], 1.0))).field());
        assertArrayEquals(before, solver.checkpoint());
        assertEquals(residual, solver.relativeResidual());
    }

    @Test
    void checkpointRestoresFactorsStepAndCountersExactly() {
        List<Measurement> ms = RectangularProblems.bilinear(x, ROWS, COLS, 250, rnd);
        FactoredSolver<SvdEstimate> first = TwoFactorFixtures.solver(Kind.BILINEAR, ROWS, COLS, ms, SolverOptions.defaults().withTolerance(0));
        first.refine(25);
        byte[] saved = first.checkpoint();

        FactoredSolver<SvdEstimate> second = TwoFactorFixtures.solver(Kind.BILINEAR, ROWS, COLS, ms, SolverOptions.defaults().withTolerance(0));
        second.restore(saved);
        assertArrayEquals(saved, second.checkpoint());
        assertArrayEquals(first.leftFactor(), second.leftFactor());
        assertArrayEquals(first.rightFactor(), second.rightFactor());
        assertEquals(first.iterations(), second.iterations());
        assertEquals(first.width(), second.width());
        assertEquals(first.stepSize(), second.stepSize());

        first.refine(500);
        second.refine(500);
        assertTrue(second.iterations() > 25, "iterations " + second.iterations());
        assertTrue(TwoFactorFixtures.error(first, x) < 1e-9 && TwoFactorFixtures.error(second, x) < 1e-9,
                "errors " + TwoFactorFixtures.error(first, x) + ", " + TwoFactorFixtures.error(second, x));
    }

    @Test
    void checkpointOfAnotherShapeOrSolverIsRefusedWithAReason() {
        FactoredSolver<SvdEstimate> other = TwoFactorFixtures.solver(Kind.BILINEAR, COLS, ROWS,
                RectangularProblems.bilinear(new double[ROWS * COLS], COLS, ROWS, 5, rnd), SolverOptions.defaults());
        other.refine(1);
        FactoredSolver<SvdEstimate> solver = TwoFactorFixtures.solver(Kind.BILINEAR, ROWS, COLS,
                RectangularProblems.bilinear(x, ROWS, COLS, 5, rnd), SolverOptions.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> solver.restore(other.checkpoint()));
        assertTrue(e.getMessage().contains(COLS + " x " + ROWS), e.getMessage());
        FactoredSolver<Estimate> symmetric = Fixtures.solver(Kind.RANK_ONE, 4, List.of(new Measurement.RankOne(new double[4], 0)),
                SolverOptions.defaults());
        symmetric.refine(1);
        e = assertThrows(IllegalArgumentException.class, () -> solver.restore(symmetric.checkpoint()));
        assertTrue(e.getMessage().contains("not a two-factor"), e.getMessage());
    }

    @Test
    void aDivergingRunIsDetectedAndNeverYieldsNaN() {
        FactoredSolver<SvdEstimate> solver = TwoFactorFixtures.solver(Kind.BILINEAR, ROWS, COLS,
                RectangularProblems.bilinear(x, ROWS, COLS, 150, rnd),
                SolverOptions.defaults().withMethod(Method.GD).withEta(1e6).withTolerance(0));
        for (int i = 0; i < 50; i++) {
            if (solver.refine(1).status() == RefineResult.Status.RESET) {
                break;
            }
        }
        SvdEstimate estimate = solver.estimate();
        for (double f : solver.leftFactor()) {
            assertTrue(Double.isFinite(f));
        }
        assertTrue(Double.isFinite(estimate.residual()));
        for (double s : estimate.singularValues()) {
            assertTrue(Double.isFinite(s));
        }
    }

    @Test
    void anEmptyWindowIsReportedNotSolved() {
        FactoredSolver<SvdEstimate> solver = TwoFactorFixtures.solver(Kind.ENTRY, ROWS, COLS, List.of(), SolverOptions.defaults());
        assertEquals(RefineResult.Status.EMPTY, solver.refine(10).status());
        assertTrue(Double.isNaN(solver.relativeResidual()));
    }
}
