package org.sensorrecovery.solver;

import org.sensorrecovery.sensing.Measurement;

/**
 * A factorized solver on a bounded measurement window, as the runtime and the commands drive it:
 * {@link FactoredSolver}, with tied factors (X = U U^T) or two (X = U V^T). One owner thread.
 */
public interface WindowSolver {

    /**
     * Adds a measurement sent by the named device (the empty string for an anonymous one).
     *
     * @throws org.sensorrecovery.sensing.InvalidMeasurementException naming the field; nothing changes
     */
    void add(Measurement m, String device);

    /** Measurements in the window. */
    int windowSize();

    /**
     * Refines with at most maxIterations accepted steps and at most maxNanos of wall time,
     * warm-starting from the current factors.
     */
    RefineResult refine(int maxIterations, long maxNanos);

    /** Refines with an iteration budget only. */
    default RefineResult refine(int maxIterations) {
        return refine(maxIterations, Long.MAX_VALUE);
    }

    /**
     * Refines in chunks of at most chunk iterations until it converges, stalls or maxIterations are
     * spent (a reset starts over within the same budget), telling progress after each chunk: the
     * batch solve of the {@code solve} command.
     */
    default RefineResult solve(int maxIterations, int chunk, java.util.function.Consumer<RefineResult> progress) {
        int done = 0;
        RefineResult result;
        do {
            result = refine(Math.min(chunk, maxIterations - done));
            done += result.iterations();
            progress.accept(result);
        } while (result.status() == RefineResult.Status.BUDGET && done < maxIterations
                || result.status() == RefineResult.Status.RESET);
        return result;
    }

    /** Accepted steps so far. */
    long iterations();

    /** Current factor width k. */
    int width();

    /** Relative RMS residual on the rows the loss fits. */
    double relativeResidual();

    /** Relative RMS residual on the held-out rows; NaN when nothing is held out. */
    double validationResidual();

    /** The solver's state as bytes. */
    byte[] checkpoint();

    /**
     * Restores state written by {@link #checkpoint()} of a solver of the same shape and width.
     *
     * @throws IllegalArgumentException when the bytes are not a checkpoint of a matching solver
     */
    void restore(byte[] bytes);
}
