package org.sensorrecovery.solver;

/**
 * Noise-aware stopping (model-free early stopping, Jiang, Chen &amp; Ding): tracks the held-out
 * residual after each accepted step, keeps the best iterate's factors and says when refining should
 * stop, back at the best iterate, because it has not gained {@link #GAIN} for {@link #PATIENCE} steps.
 */
final class ValidationWatch {

    /** Steps without a held-out gain after which refining stops. */
    static final int PATIENCE = 30;
    private static final double GAIN = 1e-3;
    /** Steps a stopped solver spends on fresh data to see whether it lets the held-out residual improve. */
    private static final int FRESH_ALLOWANCE = 10;

    private double best = Double.POSITIVE_INFINITY;
    private double reference = Double.POSITIVE_INFINITY;
    private int sinceGain;
    private boolean stopped;
    private final Factors factors;
    private final double[] bestU;
    private final double[] bestV;
    private final Runnable refresh;

    /** @param refresh brings the predictions up to date once the best iterate is back */
    ValidationWatch(Factors factors, Runnable refresh) {
        this.factors = factors;
        this.bestU = new double[factors.rows * factors.maxWidth];
        this.bestV = factors.tied ? bestU : new double[factors.cols * factors.maxWidth];
        this.refresh = refresh;
    }

    /** Whether refining stopped and no new data has come since. */
    boolean stopped() {
        return stopped;
    }

    /**
     * The factors or the window changed: held-out residual v (NaN: none held out) is the new
     * baseline, the factors the best so far; a stopped solver gets {@link #FRESH_ALLOWANCE} steps.
     */
    void rebaseline(double v) {
        if (!Double.isNaN(v)) {
            factors.copy(bestU, bestV, false);
        }
        best = v;
        reference = v;
        if (stopped) {
            sinceGain = PATIENCE - FRESH_ALLOWANCE;
            stopped = false;
        }
    }

    /**
     * After an accepted step with held-out residual v: keeps a new best iterate; after PATIENCE
     * steps without gain (counted once armed: the signal found) goes back to it and returns true.
     */
    boolean afterStep(double v, boolean armed) {
        boolean newBest = v < best;
        if (newBest) {
            best = v;
        }
        if (v < reference * (1.0 - GAIN)) {
            reference = v;
            sinceGain = 0;
        } else if (armed && ++sinceGain >= PATIENCE) {
            if (!newBest) {
                factors.copy(bestU, bestV, true);
                refresh.run();
            }
            stopped = true;
            return true;
        }
        if (newBest) {
            factors.copy(bestU, bestV, false);
        }
        return false;
    }

    /**
     * The solver changed its step (after a stop, or a stall): refining goes on from the current
     * factors, held-out residual v, measured afresh from here with a full patience.
     */
    void resume(double v) {
        stopped = false;
        sinceGain = 0;
        rebaseline(v);
    }

    /** A new start: forget everything. */
    void reset() {
        sinceGain = 0;
        stopped = false;
        best = Double.POSITIVE_INFINITY;
        reference = Double.POSITIVE_INFINITY;
    }
}
