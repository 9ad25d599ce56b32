package org.sensorrecovery.config;

import java.util.regex.Pattern;

import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.solver.Loss;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.solver.SolverOptions;
import org.sensorrecovery.wire.ArrayShape;

/**
 * One sensor array: a symmetric d x d one (rows = cols = 0), or a rectangular rows x cols one
 * (d = 0; kinds bilinear and entry, X = U V^T).
 *
 * @param id topic-safe id, [A-Za-z0-9_-]{1,64}
 * @param d dimension of a symmetric array; 0 for a rectangular one
 * @param rows rows of a rectangular array (the first sensor set); 0 for a symmetric one
 * @param cols columns of a rectangular array (the second sensor set); 0 for a symmetric one
 * @param rankBound factor width k; 0 means k = d, or k = min(rows, cols) (no rank needed)
 * @param window capacity of the measurement window
 * @param method solver update rule
 * @param alpha initialization scale relative to the data
 * @param tolerance relative residual at which refining pauses until new data arrives
 * @param iterationsPerRefine iterations per refine call of the worker
 * @param loss what the fit minimizes (l2, or a robust loss that names faulty devices)
 * @param holdout share of the window held out for noise-aware stopping; 0 turns it off
 */
public record ArrayConfig(String id, Kind kind, int d, int rows, int cols, int rankBound, int window, Method method,
                          double alpha, double tolerance, int iterationsPerRefine, Loss loss, double holdout) {

    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Largest d, rows or cols. */
    public static final int MAX_DIMENSION = 4096;
    /** The runtime's default holdout: a tenth of the window validates the fit. */
    public static final double DEFAULT_HOLDOUT = 0.1;

    /** A symmetric d x d array with the l2 loss and the default holdout. */
    public ArrayConfig(String id, Kind kind, int d, int rankBound, int window, Method method, double alpha,
                       double tolerance, int iterationsPerRefine) {
        this(id, kind, d, 0, 0, rankBound, window, method, alpha, tolerance, iterationsPerRefine, Loss.L2, DEFAULT_HOLDOUT);
    }

    /** A rectangular rows x cols array (bilinear or entry) with the l2 loss and the default holdout. */
    public static ArrayConfig rectangular(String id, Kind kind, int rows, int cols, int rankBound, int window,
                                          Method method, double alpha, double tolerance, int iterationsPerRefine) {
        return new ArrayConfig(id, kind, 0, rows, cols, rankBound, window, method, alpha, tolerance, iterationsPerRefine,
                Loss.L2, DEFAULT_HOLDOUT);
    }

    /** This array fitting another loss. */
    public ArrayConfig withLoss(Loss l) {
        return new ArrayConfig(id, kind, d, rows, cols, rankBound, window, method, alpha, tolerance, iterationsPerRefine,
                l, holdout);
    }

    public ArrayConfig {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id: must match [A-Za-z0-9_-]{1,64}, got " + id);
        }
        if (rows == 0 && cols == 0) {
            requireSquare(kind, d);
        } else {
            requireRectangular(kind, d, rows, cols);
        }
        int full = rows == 0 && cols == 0 ? d : Math.min(rows, cols);
        if (rankBound < 0 || rankBound > full) {
            throw new IllegalArgumentException("rankBound: must be none or in [1, " + (rows == 0 && cols == 0 ? "d" : "min(rows, cols)")
                    + "=" + full + "], got " + rankBound);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window: must be at least 1, got " + window);
        }
        if (iterationsPerRefine < 1) {
            throw new IllegalArgumentException("solver.iterationsPerRefine: must be at least 1, got " + iterationsPerRefine);
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss: must be l2, robust, l1 or huber");
        }
        solverOptions(method, rankBound, alpha, tolerance, loss, holdout);
    }

    private static void requireSquare(Kind kind, int d) {
        if (!kind.symmetric()) {
            throw new IllegalArgumentException("kind: " + kind + " arrays are rectangular: give rows and cols instead of d");
        }
        requireDimension("d", d);
    }

    private static void requireRectangular(Kind kind, int d, int rows, int cols) {
        if (d != 0) {
            throw new IllegalArgumentException("d: give d (a symmetric array) or rows and cols (a rectangular one), not both");
        }
        if (!kind.rectangular()) {
            throw new IllegalArgumentException("kind: " + kind + " measures a symmetric d x d matrix: give d, not rows and cols"
                    + " (rectangular arrays take bilinear or entry)");
        }
        requireDimension("rows", rows);
        requireDimension("cols", cols);
    }

    private static void requireDimension(String field, int n) {
        if (n < 1 || n > MAX_DIMENSION) {
            throw new IllegalArgumentException(field + ": must be in [1, " + MAX_DIMENSION + "], got " + n);
        }
    }

    /** Whether this array is rectangular (configured with rows and cols): X = U V^T. */
    public boolean rectangular() {
        return d == 0;
    }

    /** Kind and matrix shape, for the measurement codec (d x d for a symmetric array). */
    public ArrayShape shape() {
        return rectangular() ? new ArrayShape(kind, rows, cols) : ArrayShape.square(kind, d);
    }

    private static SolverOptions solverOptions(Method method, int rankBound, double alpha, double tolerance,
                                               Loss loss, double holdout) {
        return new SolverOptions(method, rankBound, alpha, Double.NaN, Double.NaN, tolerance, true, 1L, loss, holdout);
    }

    /** The solver settings of this array. */
    public SolverOptions solverOptions() {
        return solverOptions(method, rankBound, alpha, tolerance, loss, holdout).withSeed(id.hashCode());
    }

    /** k. */
    public int width() {
        return rankBound != 0 ? rankBound : rectangular() ? Math.min(rows, cols) : d;
    }
}
