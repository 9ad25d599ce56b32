package org.sensorrecovery.testing;

import java.util.List;
import java.util.Random;

import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.sensing.Sensings;
import org.sensorrecovery.sensing.SymmetricSensing;
import org.sensorrecovery.solver.FactorSolver;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.solver.RefineResult;
import org.sensorrecovery.solver.SolverOptions;

/** Scratch driver for calibrating the solver by hand: prints error curves. Not a test. */
public final class Experiment {
    static double[][] to2d(double[] u, int d, int k) {
        double[][] o = new double[d][k];
        for (int i = 0; i < d; i++) System.arraycopy(u, i * k, o[i], 0, k);
        return o;
    }

    public static void main(String[] args) {
        String kind = args[0];
        int d = Integer.parseInt(args[1]);
        int r = Integer.parseInt(args[2]);
        int m = Integer.parseInt(args[3]);
        Method method = Method.fromKey(args[4]);
        int kb = Integer.parseInt(args[5]);
        double kappa = Double.parseDouble(args[6]);
        double alpha = Double.parseDouble(args[7]);
        double noise = args.length > 8 ? Double.parseDouble(args[8]) : 0;
        int maxIt = args.length > 9 ? Integer.parseInt(args[9]) : 2000;
        boolean shrink = args.length > 10 ? Boolean.parseBoolean(args[10]) : true;
        double lambda = args.length > 11 ? Double.parseDouble(args[11]) : Double.NaN;
        Random rnd = new Random(7);
        double[] x = Problems.lowRankPsd(d, Problems.geometric(r, kappa), rnd);
        Kind k = Kind.fromKey(kind);
        List<Measurement> ms = new java.util.ArrayList<>();
        if (k == Kind.ENTRY) {
            ms.addAll(Problems.entries(x, d, m / (d * (d + 1) / 2.0), rnd));
        } else {
            for (int i = 0; i < m; i++) {
                ms.add(k == Kind.RANK_ONE ? Problems.rankOne(x, d, rnd, noise) : Problems.gaussian(x, d, 1000 + i, noise, rnd));
            }
        }
        int width = kb == 0 ? d : kb;
        SymmetricSensing s = Sensings.symmetric(k, d, ms.size(), width, Kernels.best());
        ms.forEach(s::add);
        SolverOptions o = SolverOptions.defaults().withMethod(method).withRankBound(kb).withAlpha(alpha)
                .withShrink(shrink).withLambda(lambda).withTolerance(1e-12);
        FactorSolver solver = new FactorSolver(s, o);
        long t0 = System.nanoTime();
        int total = 0;
        int step = Math.max(1, maxIt / 40);
        while (total < maxIt) {
            RefineResult res = solver.refine(Math.min(step, maxIt - total));
            total += res.iterations();
            double err = Problems.relativeError(Problems.product(solver.factor(), d, solver.width()), x);
            System.out.printf("it=%d k=%d res=%.3e err=%.3e status=%s rank=%d ms=%.1f eta=%.3g rej=%d%n", solver.iterations(), solver.width(),
                    res.residual(), err, res.status(), solver.estimate().rank(), (System.nanoTime() - t0) / 1e6, solver.stepSize(), solver.rejectedSteps());
            double[] sv = new org.apache.commons.math3.linear.SingularValueDecomposition(
                    new org.apache.commons.math3.linear.Array2DRowRealMatrix(to2d(solver.factor(), d, solver.width()))).getSingularValues();
            StringBuilder sb = new StringBuilder("   mu:");
            for (int i = 0; i < Math.min(sv.length, r + 4); i++) sb.append(String.format(" %.2e", sv[i] * sv[i]));
            System.out.println(sb);
            if (res.status() != RefineResult.Status.BUDGET) {
                break;
            }
        }
    }
}
