package org.sensorrecovery.solver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.testing.Problems;

/**
 * The seed paper's central claim (Li, Ma &amp; Zhang 2018): with k = d and fewer measurements than
 * d(d+1)/2 there are many factors that fit the data; gradient descent from a small start finds
 * the low-rank one and generalizes, from a large start it does not.
 */
class ImplicitRegularizationTest {

    @ParameterizedTest
    @EnumSource(Method.class)
    void smallInitializationGeneralizesAndLargeDoesNot(Method method) {
        int d = 20;
        int r = 2;
        int m = 3 * d * r;
        assertTrue(m < d * (d + 1) / 2);
        Random rnd = new Random(8);
        double[] x = Problems.lowRankPsd(d, Problems.ones(r), rnd);
        List<Measurement> train = Fixtures.gaussian(x, d, m, 1_000, 0, rnd);
        List<Measurement> fresh = Fixtures.gaussian(x, d, 400, 900_000, 0, rnd);
        // Plain GD is the paper's setting: no truncation, just the small start.
        SolverOptions base = SolverOptions.defaults().withMethod(method).withShrink(method == Method.PRECOND);

        FactoredSolver<Estimate> small = Fixtures.solver(Kind.GAUSSIAN, d, train, base.withAlpha(1e-3));
        small.refine(method == Method.GD ? 20_000 : 1000);
        FactoredSolver<Estimate> large = Fixtures.solver(Kind.GAUSSIAN, d, train, base.withAlpha(1.0));
        large.refine(method == Method.GD ? 20_000 : 1000);

        double smallError = Fixtures.heldOutError(small, fresh, Kind.GAUSSIAN);
        double largeError = Fixtures.heldOutError(large, fresh, Kind.GAUSSIAN);
        assertTrue(smallError < 1e-3, method + ": small-start held-out error " + smallError);
        assertTrue(largeError > 10 * smallError, method + ": large-start held-out error " + largeError
                + " vs small " + smallError);
        // Both fit the training data: the difference is generalization, not optimization.
        assertTrue(large.relativeResidual() < 0.1 * largeError, "large start residual " + large.relativeResidual());
    }
}
