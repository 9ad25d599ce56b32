package org.sensorrecovery.solver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.testing.Problems;

/**
 * Every symmetric kind with both methods and the default k = d, on a small problem: the automatic
 * step must be right for each operator's scale (entry sampling sees each entry with probability
 * about m/d^2; Gaussian sensing is near-isometric), and preconditioning must not undo the
 * small-initialization bias. Plain GD gets more iterations and a looser bound: it slows down
 * sublinearly once over-parameterized.
 */
class EveryKindBothMethodsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "rank-one, precond, 400, 1e-8",
        "rank-one, gd, 4000, 1e-3",
        "entry, precond, 2000, 1e-8",
        "entry, gd, 6000, 1e-6",
        "gaussian, precond, 400, 1e-8",
        "gaussian, gd, 4000, 1e-3",
        "dense, precond, 400, 1e-8",
        "dense, gd, 4000, 1e-3",
    })
    void recoversARankTwoMatrix(String kindKey, String methodKey, int iterations, double bound) {
        Kind kind = Kind.fromKey(kindKey);
        int d = 16;
        Random rnd = new Random(kind.ordinal() * 31 + 7);
        double[] x = Problems.lowRankPsd(d, new double[] {1.0, 0.5}, rnd);
        List<Measurement> ms = new ArrayList<>();
        switch (kind) {
            case RANK_ONE -> ms.addAll(Fixtures.rankOne(x, d, 8 * d * 2, 0, rnd));
            case ENTRY -> ms.addAll(Problems.entries(x, d, 0.6, rnd));
            case GAUSSIAN -> ms.addAll(Fixtures.gaussian(x, d, 5 * d * 2, 77, 0, rnd));
            default -> {
                for (int i = 0; i < 5 * d * 2; i++) {
                    double[] a = new double[d * d];
                    double y = 0;
                    for (int e = 0; e < a.length; e++) {
                        a[e] = rnd.nextGaussian();
                        y += a[e] * x[e];
                    }
                    ms.add(new Measurement.Dense(a, y));
                }
            }
        }
        FactoredSolver<Estimate> solver = Fixtures.solver(kind, d, ms,
                SolverOptions.defaults().withMethod(Method.fromKey(methodKey)).withTolerance(1e-12));
        solver.refine(iterations);
        double error = Fixtures.error(solver, x);
        assertTrue(error < bound, kindKey + " " + methodKey + ": error " + error + " after " + solver.iterations());
    }
}
