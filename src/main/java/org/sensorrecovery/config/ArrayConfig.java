package org.sensorrecovery.config;

import java.util.regex.Pattern;

import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.solver.Loss;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.solver.SolverOptions;

/**
 * One sensor array.
 *
 * @param id topic-safe id, [A-Za-z0-9_-]{1,64}
 * @param rankBound factor width k; 0 means k = d (no rank needed)
 * @param window capacity of the measurement window
 * @param method solver update rule
 * @param alpha initialization scale relative to the data
 * @param tolerance relative residual at which refining pauses until new data arrives
 * @param iterationsPerRefine iterations per refine call of the worker
 * @param loss what the fit minimizes (l2, or a robust loss that names faulty devices)
 * @param holdout share of the window held out for noise-aware stopping; 0 turns it off
 */
public record ArrayConfig(String id, Kind kind, int d, int rankBound, int window, Method method, double alpha,
                          double tolerance, int iterationsPerRefine, Loss loss, double holdout) {

    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** The runtime's default holdout: a tenth of the window validates the fit. */
    public static final double DEFAULT_HOLDOUT = 0.1;

    /** An array with the l2 loss and the default holdout. */
    public ArrayConfig(String id, Kind kind, int d, int rankBound, int window, Method method, double alpha,
                       double tolerance, int iterationsPerRefine) {
        this(id, kind, d, rankBound, window, method, alpha, tolerance, iterationsPerRefine, Loss.L2, DEFAULT_HOLDOUT);
    }

    public ArrayConfig {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id: must match [A-Za-z0-9_-]{1,64}, got " + id);
        }
        if (!kind.symmetric()) {
            throw new IllegalArgumentException("kind: " + kind + " arrays (rows x cols) are not supported by this runtime yet");
        }
        if (d < 1 || d > 4096) {
            throw new IllegalArgumentException("d: must be in [1, 4096], got " + d);
        }
        if (rankBound < 0 || rankBound > d) {
            throw new IllegalArgumentException("rankBound: must be none or in [1, d=" + d + "], got " + rankBound);
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

    private static SolverOptions solverOptions(Method method, int rankBound, double alpha, double tolerance,
                                               Loss loss, double holdout) {
        return new SolverOptions(method, rankBound, alpha, Double.NaN, Double.NaN, tolerance, true, 2, 1L, loss, holdout);
    }

    /** The solver settings of this array. */
    public SolverOptions solverOptions() {
        return solverOptions(method, rankBound, alpha, tolerance, loss, holdout).withSeed(id.hashCode());
    }

    /** k. */
    public int width() {
        return rankBound == 0 ? d : rankBound;
    }
}
