package org.sensorrecovery.solver;

/**
 * The step of the factored solver: the gradient of both blocks (one when tied), preconditioned
 * and conjugated for precond, its images, the safeguarded line search along it and the move. Along
 * a step (DU, DV) the predictions are the quadratic pred - eta q + eta^2 s, so trial step sizes
 * cost O(m) and a loss increase or a non-finite value is rejected (eta halves) before the factors
 * move ({@link StepLoss}); after three accepted steps in a row eta grows by half, up to a cap from
 * the operator's estimated scale. Owned by its solver; allocates nothing per step.
 */
final class FactorStep {

    /** What a step did. */
    enum Outcome { ACCEPTED, STALLED, DIVERGED }

    /**
     * Initialization scales below this are small starts, whose common (trace) direction centring
     * holds back; from a large start there is no such bias to protect and centring only slows it.
     */
    private static final double SMALL_START = 0.1;

    private final FactoredSolver<?> solver;
    private final Factors state;
    private final ConjugateDirections conjugate;
    private final StepLoss.Backtrack search = new StepLoss.Backtrack();
    /** The step's images, one per row of the window. */
    private double[] q;
    private double[] s;
    private int acceptRun;

    FactorStep(FactoredSolver<?> solver, int capacity) {
        this.solver = solver;
        this.state = solver.state;
        this.conjugate = new ConjugateDirections((state.rows + state.cols) * state.maxWidth);
        this.q = new double[capacity];
        this.s = new double[capacity];
    }

    /** The window's arrays grew: so do the step's images (recomputed before each use). */
    void resizeRows(int rows) {
        q = new double[rows];
        s = new double[rows];
    }

    /** The factors or the window changed: conjugate directions start again. */
    void restart() {
        conjugate.restart();
    }

    /** A new start: eta grows again only after three accepted steps. */
    void resetRun() {
        acceptRun = 0;
    }

    /** GD: 1/(3 s ||X*||), halved when tied (both factors move at once); preconditioned: half the full step. */
    double initialEta() {
        if (!Double.isNaN(solver.options.eta())) {
            return solver.options.eta();
        }
        return solver.options.method() == Method.GD
                ? 1.0 / ((state.tied ? 6.0 : 3.0) * state.operatorScale * state.dataScale)
                : 0.5 / state.operatorScale;
    }

    double maxEta() {
        if (!Double.isNaN(solver.options.eta())) {
            return solver.options.eta();
        }
        return solver.options.method() == Method.GD ? 8.0 * initialEta() : 4.0 * initialEta();
    }

    /** One safeguarded step of the loop; the factors and the solver.loss move only when it is accepted. */
    Outcome take() {
        int m = solver.sensing.size();
        if (solver.weights.reweighs()) {
            solver.reweigh();
        }
        double[] w = solver.weights.train;
        int n = solver.weights.trainRows();
        boolean centre = solver.exploring() && solver.sensing.centredWhileExploring() && solver.options.alpha() < SMALL_START;
        double slope = direction(centre, m);
        if (centre && slope <= 0) {
            // The centred direction need not descend on the solver.loss itself: take the plain one.
            conjugate.restart();
            slope = direction(false, m);
        }
        if (Double.isNaN(slope)) {
            return Outcome.DIVERGED;
        }
        if (!(slope > 0)) {
            return Outcome.STALLED;
        }
        double eta = refining() ? StepLoss.firstMinimizer(solver.resid, q, s, w, m, n, slope, state.eta, 16.0 * maxEta())
                : state.eta;
        search.run(solver.resid, q, s, w, m, n, solver.loss, slope, eta);
        state.rejected += search.halvings;
        if (search.halvings > 0) {
            acceptRun = 0;
        }
        if (search.diverged) {
            return Outcome.DIVERGED;
        }
        if (search.accepted) {
            accept(search.eta, search.trial, m);
            return Outcome.ACCEPTED;
        }
        state.eta = search.eta;
        return Outcome.STALLED;
    }

    /**
     * (solver.du, solver.dv) &lt;- the step direction (gradient, preconditioned and conjugated for precond), q and
     * s its images; returns the solver.loss's slope along it, NaN when the preconditioner cannot be factored.
     *
     * @param centre use the gradient of the solver.loss of the centred residuals r - mean(r): the seed
     *               paper's A_i - mean(A), y_i - mean(y), which drops the common (trace) direction
     *               that would grow every column of a small start alike
     */
    private double direction(boolean centre, int m) {
        double[] w = solver.weights.train;
        double mean = 0.0;
        if (centre) {
            double sw = 0.0;
            for (int i = 0; i < m; i++) {
                mean += w[i] * solver.resid[i];
                sw += w[i];
            }
            mean = sw > 0 ? mean / sw : 0.0;
        }
        for (int i = 0; i < m; i++) {
            solver.weighted[i] = w[i] * (solver.resid[i] - mean);
        }
        int k = state.k;
        int nu = state.rows * k;
        int nv = state.tied ? 0 : state.cols * k;
        solver.sensing.gradient(solver.weighted, state.u, state.v, k, solver.gu, solver.gv);
        double scale = 1.0 / solver.weights.trainRows();
        for (int i = 0; i < nu; i++) {
            solver.gu[i] *= scale;
        }
        for (int i = 0; i < nv; i++) {
            solver.gv[i] *= scale;
        }
        System.arraycopy(solver.gu, 0, solver.du, 0, nu);
        System.arraycopy(solver.gv, 0, solver.dv, 0, nv);
        if (solver.options.method() == Method.PRECOND) {
            if (!precondition(k)) {
                return Double.NaN;
            }
            conjugate.apply(solver.gu, solver.du, nu, solver.gv, solver.dv, nv);
        }
        solver.sensing.direction(state.u, state.v, solver.du, solver.dv, k, q, s);
        return StepLoss.slope(solver.resid, q, w, m, solver.weights.trainRows());
    }

    /**
     * solver.du &lt;- solver.du (V^T V + lambda I)^{-1}, solver.dv &lt;- solver.dv (U^T U + lambda I)^{-1} (tied: one solve);
     * lambda = sqrt(2 f / s) ~ ||U V^T - X*||_F (PrecGD), at least 0.3 ||X*||_est while the rank
     * is looked for. False when a system cannot be factored.
     */
    private boolean precondition(int k) {
        double lambda = Double.isNaN(solver.options.lambda())
                ? Math.sqrt(2.0 * solver.loss / state.operatorScale)
                : solver.options.lambda();
        if (solver.exploring()) {
            // Before the rank is found, damping at the data scale keeps the step GD-like: a small
            // lambda would speed up the directions still at the initialization scale and undo the
            // small-initialization bias.
            lambda = Math.max(lambda, 0.3 * state.dataScale);
        }
        return solver.cores.precondition(solver.du, state.rows, state.v, state.cols, k, lambda)
                && (state.tied || solver.cores.precondition(solver.dv, state.cols, state.u, state.rows, k, lambda));
    }

    /**
     * Whether the step may be the exact minimizer along the direction: once the factors have been
     * truncated to the detected rank there is no spare width for a long step to fill with
     * non-signal directions, so the small-initialization bias no longer needs short steps.
     */
    private boolean refining() {
        return solver.options.method() == Method.PRECOND && !solver.exploring() && Double.isNaN(solver.options.eta());
    }

    private void accept(double eta, double trial, int m) {
        int nu = state.rows * state.k;
        int nv = state.tied ? 0 : state.cols * state.k;
        for (int i = 0; i < nu; i++) {
            state.u[i] -= eta * solver.du[i];
        }
        for (int i = 0; i < nv; i++) {
            state.v[i] -= eta * solver.dv[i];
        }
        solver.sensing.moveAlong(eta, state.k);
        StepLoss.advance(solver.resid, q, s, m, eta);
        solver.loss = trial;
        state.iterations++;
        state.eta = eta;
        if (++acceptRun >= 3) {
            state.eta = Math.min(eta * 1.5, maxEta());
            acceptRun = 0;
        }
    }
}
