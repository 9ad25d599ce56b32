package org.sensorrecovery.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.simulate.SimulatedArray;
import org.sensorrecovery.simulate.SimulatedRectangularArray;
import org.sensorrecovery.solver.Estimate;
import org.sensorrecovery.solver.FactoredSolver;
import org.sensorrecovery.solver.RefineResult;
import org.sensorrecovery.solver.SolverOptions;
import org.sensorrecovery.solver.SvdEstimate;

/**
 * The success table of recovery at the sampling boundary: for each case and each data seed, a fresh
 * noiseless problem solved as {@code solve} does with its defaults (no rank given, k = d or
 * min(rows, cols), chunks of 100 up to 5000 iterations), counted exact when the relative error is
 * below {@link #EXACT}.
 */
public final class RecoveryTable {

    /** Relative Frobenius error below which a recovery counts as exact. */
    public static final double EXACT = 1e-6;
    private static final int MAX_ITERATIONS = 5000;

    private RecoveryTable() {
    }

    /**
     * One problem shape: a symmetric array (cols = 0) of dimension rows, or a rectangular rows x cols
     * one; the truth has rank r with unit eigen- or singular values.
     */
    public record Case(Kind kind, int rows, int cols, int rank, int measurements) {

        /** Rank-one sensing of a d x d rank-r PSD matrix at m = factor d r. */
        public static Case rankOne(int d, int r, double factor) {
            return new Case(Kind.RANK_ONE, d, 0, r, (int) Math.round(factor * d * r));
        }

        /** Bilinear sensing of a rows x cols rank-r matrix at m = factor (rows + cols) r. */
        public static Case bilinear(int rows, int cols, int r, double factor) {
            return new Case(Kind.BILINEAR, rows, cols, r, (int) Math.round(factor * (rows + cols) * r));
        }

        /** rank-one-D at m = 3 d r (r = 5), or bilinear-RxC at m = 2.5 (rows + cols) r (r = 3). */
        public static Case named(String name) {
            if (name.startsWith("rank-one-")) {
                return rankOne(Integer.parseInt(name.substring(9)), 5, 3.0);
            }
            if (name.startsWith("bilinear-")) {
                String[] rc = name.substring(9).split("x");
                return bilinear(Integer.parseInt(rc[0]), Integer.parseInt(rc[1]), 3, 2.5);
            }
            throw new IllegalArgumentException("unknown case " + name + " (rank-one-D or bilinear-RxC)");
        }

        @Override
        public String toString() {
            String shape = cols == 0 ? "d=" + rows : rows + "x" + cols;
            return kind.key() + " " + shape + " r=" + rank + " m=" + measurements;
        }
    }

    /** What one solve gave. */
    public record Outcome(long seed, double error, long iterations, int width, RefineResult.Status status,
                          double millis) {
        public boolean exact() {
            return error < EXACT;
        }
    }

    /** Solves the case on the data of one seed, with the solver's defaults. */
    public static Outcome solve(Case c, long seed, LongSupplier nanoClock) {
        double[] ones = new double[c.rank()];
        Arrays.fill(ones, 1.0);
        long t0 = nanoClock.getAsLong();
        boolean symmetric = c.cols() == 0;
        SimulatedArray square = symmetric ? new SimulatedArray(c.kind(), c.rows(), ones, 0.0, seed) : null;
        SimulatedRectangularArray rectangular = symmetric ? null
                : new SimulatedRectangularArray(c.kind(), c.rows(), c.cols(), ones, 0.0, seed);
        FactoredSolver<?> solver = FactoredSolver.forArray(c.kind(), c.rows(), symmetric ? c.rows() : c.cols(),
                !symmetric, c.measurements(), SolverOptions.defaults());
        for (int i = 0; i < c.measurements(); i++) {
            solver.add(symmetric ? square.next() : rectangular.next(), "");
        }
        RefineResult r = solver.solve(MAX_ITERATIONS, 100, x -> { });
        Object estimate = solver.estimate();
        double error = estimate instanceof Estimate e ? square.relativeError(e.matrix())
                : rectangular.relativeError(((SvdEstimate) estimate).matrix());
        return new Outcome(seed, error, solver.iterations(), solver.width(), r.status(),
                (nanoClock.getAsLong() - t0) / 1e6);
    }

    /** One case over its seeds: exact solves, the worst error, the median and longest time per solve. */
    public record Row(Case c, int exact, int seeds, double worstError, double medianMillis, double maxMillis) {
    }

    /**
     * Solves the case on each seed's data.
     *
     * @param each told every outcome as it comes
     */
    public static Row run(Case c, List<Long> seeds, LongSupplier nanoClock, Consumer<Outcome> each) {
        int n = seeds.size();
        int exact = 0;
        double[] millis = new double[n];
        double worst = 0.0;
        for (int i = 0; i < n; i++) {
            Outcome o = solve(c, seeds.get(i), nanoClock);
            exact += o.exact() ? 1 : 0;
            millis[i] = o.millis();
            worst = Math.max(worst, o.error());
            each.accept(o);
        }
        Arrays.sort(millis);
        return new Row(c, exact, n, worst, millis[n / 2], millis[n - 1]);
    }
}
