package org.sensorrecovery.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.sensing.Sensings;
import org.sensorrecovery.testing.Problems;
import org.sensorrecovery.testing.RectangularProblems;

/**
 * The width cap at the sampling boundary: a 60 x 40 rank-3 matrix from m = 2.5 (rows + cols) r = 750
 * bilinear measurements, where a start at full width (40) fails and the solver starts again at the
 * widest width the window identifies, 5 (1.5 w (rows + cols - w) &lt;= m). The cap belongs to the
 * window's size, not to its content: a window that slides on keeps it, one that grows raises it.
 */
class WidthCapTest {

    private static final int ROWS = 60;
    private static final int COLS = 40;
    private static final int M = 750;
    /** 1.5 * 5 * 95 = 712 &lt;= 750 &lt; 1.5 * 6 * 94 = 846. */
    private static final int IDENTIFIED = 5;

    private final Random rnd = new Random(5);
    private final double[] x = RectangularProblems.lowRank(ROWS, COLS, Problems.ones(3), rnd);

    private FactoredSolver<SvdEstimate> narrowed(int capacity) {
        FactoredSolver<SvdEstimate> solver = FactoredSolver.rectangular(
                Sensings.twoFactor(Kind.BILINEAR, ROWS, COLS, capacity, COLS, Kernels.best()), SolverOptions.defaults());
        RectangularProblems.bilinear(x, ROWS, COLS, M, rnd).forEach(solver::add);
        solver.solve(5000, 100, r -> { });
        assertEquals(IDENTIFIED, solver.state.widthCap, "the full-width start failed and the solver narrowed");
        return solver;
    }

    @Test
    void aNarrowedWidthStaysWhileFreshMeasurementsSlideTheWindow() {
        FactoredSolver<SvdEstimate> solver = narrowed(M);
        for (Measurement m : RectangularProblems.bilinear(x, ROWS, COLS, 40, rnd)) {
            solver.add(m);
            solver.refine(20);
            assertEquals(IDENTIFIED, solver.state.widthCap, "cap after measurement " + solver.sensing().added());
        }
        // What the cap decides: a new start (as after a divergence) is at the narrowed width, not at 40 again.
        solver.restartSmall();
        assertEquals(IDENTIFIED, solver.width());
    }

    @Test
    void aWindowThatGrowsRaisesTheCapToTheWidthItNowIdentifies() {
        FactoredSolver<SvdEstimate> solver = narrowed(2 * M);
        List<Measurement> more = RectangularProblems.bilinear(x, ROWS, COLS, M, rnd);
        more.forEach(solver::add);
        solver.refine(1);
        // 1.5 * 11 * 89 = 1468 <= 1500 < 1.5 * 12 * 88 = 1584.
        assertEquals(11, solver.state.widthCap);
    }
}
