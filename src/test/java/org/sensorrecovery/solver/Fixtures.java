package org.sensorrecovery.solver;

import java.util.List;
import java.util.Random;

import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.sensing.Sensings;
import org.sensorrecovery.sensing.SymmetricSensing;
import org.sensorrecovery.testing.Problems;

/** Builds solvers on synthetic problems for the solver's tests. */
final class Fixtures {

    private Fixtures() {
    }

    static List<Measurement> rankOne(double[] x, int d, int m, double noise, Random rnd) {
        List<Measurement> out = new java.util.ArrayList<>();
        for (int i = 0; i < m; i++) {
            out.add(Problems.rankOne(x, d, rnd, noise));
        }
        return out;
    }

    static List<Measurement> gaussian(double[] x, int d, int m, long firstSeed, double noise, Random rnd) {
        List<Measurement> out = new java.util.ArrayList<>();
        for (int i = 0; i < m; i++) {
            out.add(Problems.gaussian(x, d, firstSeed + i, noise, rnd));
        }
        return out;
    }

    static FactoredSolver<Estimate> solver(Kind kind, int d, List<? extends Measurement> ms, SolverOptions options) {
        int width = options.rankBound() == 0 ? d : options.rankBound();
        SymmetricSensing s = Sensings.symmetric(kind, d, Math.max(1, ms.size()), width, Kernels.best());
        FactoredSolver<Estimate> solver = FactoredSolver.symmetric(s, options);
        ms.forEach(solver::add);
        return solver;
    }

    static double error(FactoredSolver<Estimate> solver, double[] truth) {
        return Problems.relativeError(Problems.product(solver.leftFactor(), solver.sensing().rows(), solver.width()), truth);
    }

    /** Relative RMS error of the solver's predictions on fresh measurements. */
    static double heldOutError(FactoredSolver<Estimate> solver, List<Measurement> fresh, Kind kind) {
        int d = solver.sensing().rows();
        SymmetricSensing s = Sensings.symmetric(kind, d, fresh.size(), solver.width(), Kernels.best());
        fresh.forEach(s::add);
        double[] pred = new double[fresh.size()];
        s.predict(solver.leftFactor(), solver.width(), pred);
        double num = 0;
        double den = 0;
        for (int i = 0; i < pred.length; i++) {
            double y = s.values()[i];
            num += (pred[i] - y) * (pred[i] - y);
            den += y * y;
        }
        return Math.sqrt(num / den);
    }
}
