package org.sensorrecovery.solver;

/**
 * Over-parameterize to find the rank, then stop paying for it: every few steps it reads the
 * singular values of U V^T from the k x k cores; once they separate (the same rank twice in a row)
 * the factors are truncated to that rank plus a margin, the margin dropped once the fit is close.
 * When every column carries signal and the loss no longer falls, columns are added back (the
 * truncation was too early), the first along what the fit misses. Owned by its solver.
 */
final class WidthControl {

    private static final int RANK_CHECK_EVERY = 5;
    /** Spare columns kept beyond the detected rank while the fit is not yet close. */
    private static final int MARGIN = 2;
    /** Relative residual below which spare columns that stayed below the gap are dropped. */
    private static final double DROP_MARGIN_RESIDUAL = 1e-4;
    /** Dropped columns may carry at most this multiple of the relative residual (in ||X_hat||_F). */
    private static final double TAIL_PER_RESIDUAL = 10.0;
    /** Re-widenings per start and per window of data (a window turned over is new evidence). */
    private static final int MAX_WIDENINGS = 3;
    /** Rows per degree of freedom below which a width is not identified by the window. */
    private static final double OVERSAMPLING = 1.5;
    /** A relative residual no truncated fit of the right rank leaves on fresh rows (noise aside). */
    static final double MISFIT = 1e-2;

    private final FactoredSolver<?> solver;
    private final Factors state;
    private int sinceRankCheck;
    private int lastRank = -1;
    private double lossAtCheck = Double.POSITIVE_INFINITY;
    private int widenings;
    /** Measurements added when the first widening of the current budget was made. */
    private long budgetFrom;
    private int slowChecks;

    WidthControl(FactoredSolver<?> solver) {
        this.solver = solver;
        this.state = solver.state;
    }

    @Override
    public String toString() {
        // budgetFrom belongs to the budget being spent: after a renewal it would name an old one.
        return widenings + " widenings" + (widenings > 0 ? " since measurement " + budgetFrom : "");
    }

    /** A new start or a restored state: nothing seen yet. */
    void reset() {
        lastRank = -1;
        widenings = 0;
        slowChecks = 0;
    }

    /** After an accepted step. */
    void adapt() {
        if (!solver.options.shrink() || ++sinceRankCheck < RANK_CHECK_EVERY) {
            return;
        }
        sinceRankCheck = 0;
        double residual = solver.relativeResidual();
        if (!state.shrunk && residual > 0.5) {
            // Nothing has been fitted yet, so nothing can have separated: skip the k x k work.
            return;
        }
        int k = state.k;
        if (!solver.cores.singularValues(state.u, state.rows, state.v, state.cols, k)) {
            return;
        }
        double[] sigma = solver.cores.values();
        int rank = RankDetector.separatedRank(sigma, k, state.initScale(), 0.0);
        if (state.shrunk && rank > 0 && solver.sensing.growthIsSignal()) {
            // Once truncated, every value that has clearly grown is signal, whatever the gaps say.
            double floor = RankDetector.noiseFloor(residual, sigma);
            rank = Math.max(rank, RankDetector.grownCount(sigma, k, state.initScale(), floor));
        }
        // Stalled at two checks in a row: a column just added gets time to take up what the fit misses.
        slowChecks = solver.fit.loss > 0.5 * lossAtCheck ? slowChecks + 1 : 0;
        lossAtCheck = solver.fit.loss;
        boolean stable = rank > 0 && rank == lastRank;
        lastRank = rank;
        if (rank > 0 && !stable) {
            // A first sighting of a separation: confirm it at the next step rather than five later.
            sinceRankCheck = RANK_CHECK_EVERY - 1;
        }
        int target = k;
        if (stable && !state.shrunk) {
            target = Math.min(k, rank + margin());
        } else if (stable && residual <= DROP_MARGIN_RESIDUAL && (!solver.sensing.growthIsSignal()
                || RankDetector.tailWithin(sigma, rank, k, TAIL_PER_RESIDUAL * residual))) {
            // Where growth is signal, columns beyond the gap that carry more than the fit's error are
            // a gap inside the signal, not spare; where it is not, a grown spare column only overfits.
            target = rank;
        }
        if (target < k || stable && !state.shrunk) {
            truncate(k, target);
        } else if ((rank < 0 || rank >= k) && state.shrunk && slowChecks >= 2 && k < state.widthCap
                && widenings < MAX_WIDENINGS && residual > DROP_MARGIN_RESIDUAL
                && sigma[k - 1] >= RankDetector.GROWTH * state.initScale()) {
            if (widenings++ == 0) {
                budgetFrom = solver.sensing.added();
            }
            widen(k, Math.min(state.widthCap, k + Math.max(1, margin())));
            slowChecks = 0;
        }
    }

    /**
     * Whether a fit at the tolerance interpolates rather than recovers: never truncated, more
     * degrees of freedom at its width than training rows, and a spectrum that has not separated.
     */
    boolean interpolates() {
        int k = state.k;
        return solver.exploring() && state.degreesOfFreedom(k) > solver.fit.trainRows()
                && solver.cores.singularValues(state.u, state.rows, state.v, state.cols, k)
                && RankDetector.separatedRank(solver.cores.values(), k, state.initScale(), 0.0) < 0;
    }

    /**
     * A start that ended without finding the rank (stalled, or interpolated) at a width other than
     * the widest the window identifies: wider, it can interpolate or park spare directions on a
     * saddle; narrower (made on a smaller window), it cannot hold X*. Caps the width there and starts
     * again small, once per identified width; returns whether it did.
     */
    boolean restartAtIdentifiedWidth() {
        int identified = identifiedWidth();
        if (!solver.exploring() || identified == 0 || identified == state.k) {
            return false;
        }
        state.widthCap = identified;
        solver.restartSmall();
        return true;
    }

    /**
     * Fresh data. The cap follows the window's size: a grown window raises it to the width it now
     * identifies, a sliding one leaves it. A start too narrow for the cap that misfits the window
     * (relative residual above {@link #MISFIT}; l2 only, a robust loss's includes the gross errors)
     * starts again small at the cap: truncated under a smaller cap, it read its rank on too few
     * rows; still exploring (also when restored: a checkpoint does not carry the cap), it may be too
     * narrow for X*, and only truncated starts widen. A window turned over since the budget's first
     * widening renews the budget.
     */
    void followWindow() {
        if (widenings > 0 && solver.sensing.added() - budgetFrom >= solver.sensing.capacity()) {
            widenings = 0;
        }
        int identified = identifiedWidth();
        state.widthCap = Math.max(state.widthCap, identified);
        boolean narrow = state.shrunk ? state.widthCap > state.startCap : state.k < identified;
        if (narrow && solver.options.loss() == Loss.L2 && solver.fit.relativeResidual() > MISFIT) {
            solver.restartSmall();
        }
    }

    /** Whether the training rows pin the current width's matrices down: the loss has one minimizer there. */
    boolean identified() {
        return pinsDown(state.k);
    }

    /** The widest factor whose matrices the training rows pin down. */
    private int identifiedWidth() {
        int w = 0;
        while (w < state.maxWidth && pinsDown(w + 1)) {
            w++;
        }
        return w;
    }

    /** Whether the training rows number {@link #OVERSAMPLING} per degree of freedom of width w. */
    private boolean pinsDown(int w) {
        return state.degreesOfFreedom(w) * OVERSAMPLING <= solver.fit.trainRows();
    }

    /** Spare columns kept beyond the rank: none where they overfit (entry samples; {@link #widen} mends). */
    private int margin() {
        return solver.sensing.spareColumnsOverfit() ? 0 : MARGIN;
    }

    /**
     * Adds small random columns up to newWidth; for two factors the first starts on what the fit
     * misses (at the initialization scale it would look spare): with M = (1/m) sum_i r_i A_i ~
     * s (U V^T - X*) and its leading triplet (sigma, x, z), X* - U V^T ~ -(sigma / s) x z^T.
     */
    private void widen(int k, int newWidth) {
        double sigma = 0.0;
        if (!state.tied) {
            double[] w = solver.fit.train;
            for (int i = 0, m = solver.sensing.size(); i < m; i++) {
                solver.fit.weighted[i] = w[i] * solver.fit.resid[i];
            }
            sigma = Calibration.leadingPair(solver, solver.fit.weighted, solver.step.du, solver.step.dv);
        }
        state.widen(newWidth);
        if (sigma > 0 && Double.isFinite(sigma)) {
            double c = Math.sqrt(sigma / state.operatorScale);
            for (int i = 0; i < state.rows; i++) {
                state.u[i * newWidth + k] = c * solver.step.du[i];
            }
            for (int j = 0; j < state.cols; j++) {
                state.v[j * newWidth + k] = -c * solver.step.dv[j];
            }
        }
        solver.refreshPredictions();
    }

    /** Replaces the factors by (the balanced factors of) the top target singular triplets of U V^T. */
    private void truncate(int k, int target) {
        double[] gu = solver.step.gu;
        double[] gv = solver.step.gv;
        if (solver.cores.truncate(state.u, state.rows, state.v, state.cols, k, target, gu, gv)) {
            System.arraycopy(gu, 0, state.u, 0, state.rows * target);
            System.arraycopy(gv, 0, state.v, 0, state.tied ? 0 : state.cols * target);
            state.k = target;
            state.shrunk = true;
            solver.refreshPredictions();
        }
    }
}
