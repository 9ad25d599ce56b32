package org.sensorrecovery.solver;

import java.util.List;

import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.sensing.Sensings;
import org.sensorrecovery.testing.Problems;
import org.sensorrecovery.testing.RectangularProblems;

/** Builds two-factor solvers on synthetic problems for the solver's tests. */
final class TwoFactorFixtures {

    private TwoFactorFixtures() {
    }

    static FactoredSolver<SvdEstimate> solver(Kind kind, int rows, int cols, List<? extends Measurement> ms, SolverOptions options) {
        int full = Math.min(rows, cols);
        int width = options.rankBound() == 0 ? full : Math.min(options.rankBound(), full);
        FactoredSolver<SvdEstimate> solver = FactoredSolver.rectangular(
                Sensings.twoFactor(kind, rows, cols, Math.max(1, ms.size()), width, Kernels.best()), options);
        ms.forEach(solver::add);
        return solver;
    }

    /** ||U V^T - X*||_F / ||X*||_F. */
    static double error(FactoredSolver<SvdEstimate> solver, double[] truth) {
        int rows = solver.sensing().rows();
        int cols = solver.sensing().cols();
        return Problems.relativeError(
                RectangularProblems.product(solver.leftFactor(), rows, solver.rightFactor(), cols, solver.width()), truth);
    }

    /** Accepted steps until the relative error falls below target (max + 1 if never). */
    static int iterationsToError(FactoredSolver<SvdEstimate> solver, double[] x, double target, int max) {
        while (solver.iterations() < max) {
            RefineResult result = solver.refine(1);
            if (error(solver, x) < target) {
                return (int) solver.iterations();
            }
            if (result.status() == RefineResult.Status.STALLED || result.status() == RefineResult.Status.CONVERGED) {
                break;
            }
        }
        return max + 1;
    }
}
