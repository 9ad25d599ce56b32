package org.sensorrecovery.solver;

/**
 * Noise-aware stopping (model-free early stopping, Jiang, Chen &amp; Ding): tracks the held-out
 * residual after each accepted step and says when refining should stop, back at the best iterate,
 * because it has not gained {@link #GAIN} for {@link #PATIENCE} steps. The solver owns the factors
 * and copies them on {@link Verdict#NEW_BEST}.
 */
final class ValidationWatch {

    /** Steps without a held-out gain after which refining stops. */
    static final int PATIENCE = 30;
    private static final double GAIN = 1e-3;
    /** Steps a stopped solver spends on fresh data to see whether it lets the held-out residual improve. */
    private static final int FRESH_ALLOWANCE = 10;

    enum Verdict {
        /** Go on. */
        GOING,
        /** Go on; this iterate is the best so far: save it. */
        NEW_BEST,
        /** Stop and go back to the saved best iterate. */
        STOP,
        /** Stop here: this iterate is the best. */
        STOP_HERE
    }

    private double best = Double.POSITIVE_INFINITY;
    private double reference = Double.POSITIVE_INFINITY;
    private int sinceGain;
    private long stoppedAt = -1;

    /** Whether refining stopped and no new data has come since. */
    boolean stopped() {
        return stoppedAt >= 0;
    }

    /** Refining stopped with the window at this many measurements added. */
    void stop(long added) {
        stoppedAt = added;
    }

    /**
     * The factor or the window changed: the held-out residual v is measured afresh from here (the
     * caller saves the current factor as the best). A solver that had stopped gets FRESH_ALLOWANCE
     * steps to show that the new data helps.
     */
    void rebaseline(double v) {
        best = v;
        reference = v;
        if (stoppedAt >= 0) {
            sinceGain = PATIENCE - FRESH_ALLOWANCE;
            stoppedAt = -1;
        }
    }

    /**
     * After an accepted step with held-out residual v.
     *
     * @param armed whether the signal has been found: the plateau of a small start must not count
     */
    Verdict observe(double v, boolean armed) {
        boolean newBest = v < best;
        if (newBest) {
            best = v;
        }
        if (v < reference * (1.0 - GAIN)) {
            reference = v;
            sinceGain = 0;
        } else if (armed && ++sinceGain >= PATIENCE) {
            return newBest ? Verdict.STOP_HERE : Verdict.STOP;
        }
        return newBest ? Verdict.NEW_BEST : Verdict.GOING;
    }

    /** A new start: forget everything. */
    void reset() {
        sinceGain = 0;
        stoppedAt = -1;
        best = Double.POSITIVE_INFINITY;
        reference = Double.POSITIVE_INFINITY;
    }
}
