package org.sensorrecovery.config;

import java.util.regex.Pattern;

import org.sensorrecovery.sensing.Kind;
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
 */
public record ArrayConfig(String id, Kind kind, int d, int rankBound, int window, Method method, double alpha,
                          double tolerance, int iterationsPerRefine) {

    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

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
        solverOptions(method, rankBound, alpha, tolerance);
    }

    private static SolverOptions solverOptions(Method method, int rankBound, double alpha, double tolerance) {
        return new SolverOptions(method, rankBound, alpha, Double.NaN, Double.NaN, tolerance, true, 2, 1L);
    }

    /** The solver settings of this array. */
    public SolverOptions solverOptions() {
        return solverOptions(method, rankBound, alpha, tolerance).withSeed(id.hashCode());
    }

    /** k. */
    public int width() {
        return rankBound == 0 ? d : rankBound;
    }
}
