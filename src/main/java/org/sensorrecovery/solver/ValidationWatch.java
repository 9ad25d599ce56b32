package org.sensorrecovery.solver;

/**
 * Noise-aware stopping (model-free early stopping, Jiang, Chen &amp; Ding): tracks the held-out
 * residual after each accepted step, keeps the best iterate's factors and says when refining should
 * stop, back at the best iterate, because it has not gained {@link #GAIN} for {@link #PATIENCE} steps
 * while the training residual went on falling (by {@link #FIT_GAIN}): the fit has begun to follow the
 * noise. Where both stand still the fit is slow, not overfitting (an exact stream's plateau): that is
 * for the stall rule to judge, and stopping there, back at the best iterate, would stop it for good.
 */
final class ValidationWatch {

    /** Steps without a held-out gain after which refining stops. */
    static final int PATIENCE = 30;
    private static final double GAIN = 1e-3;
    /** Training gain over the same steps that shows the fit moving on without the held-out rows. */
    private static final double FIT_GAIN = 2 * GAIN;
    /** Steps a stopped solver spends on fresh data to see whether it lets the held-out residual improve. */
    private static final int FRESH_ALLOWANCE = 10;

    private double best = Double.POSITIVE_INFINITY;
    private double reference = Double.POSITIVE_INFINITY;
    /** The training residual when the held-out residual last gained. */
    private double trainReference = Double.POSITIVE_INFINITY;
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
     * The factor or the window changed: the held-out residual v is measured afresh from here and
     * the current factors are the best so far; a stopped solver gets {@link #FRESH_ALLOWANCE} steps.
     *
     * @param v the held-out residual; NaN when nothing is held out
     * @param train the training residual
     */
    void rebaseline(double v, double train) {
        if (!Double.isNaN(v)) {
            factors.copy(bestU, bestV, false);
        }
        best = v;
        reference = v;
        trainReference = train;
        if (stopped) {
            sinceGain = PATIENCE - FRESH_ALLOWANCE;
            stopped = false;
        }
    }

    /**
     * After an accepted step with held-out residual v and training residual train: saves a new best
     * iterate, and once v has not gained for PATIENCE steps while train has, goes back to the best
     * one and stops.
     *
     * @param armed whether the signal has been found: the plateau of a small start must not count
     * @return whether refining stops (until the factors or the window change: {@link #rebaseline})
     */
    boolean afterStep(double v, double train, boolean armed) {
        boolean newBest = v < best;
        if (newBest) {
            best = v;
        }
        if (v < reference * (1.0 - GAIN)) {
            reference = v;
            trainReference = train;
            sinceGain = 0;
        } else if (armed && ++sinceGain >= PATIENCE && train < trainReference * (1.0 - FIT_GAIN)) {
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

    /** A new start: forget everything. */
    void reset() {
        sinceGain = 0;
        stopped = false;
        best = Double.POSITIVE_INFINITY;
        reference = Double.POSITIVE_INFINITY;
        trainReference = Double.POSITIVE_INFINITY;
    }
}
