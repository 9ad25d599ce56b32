package org.sensorrecovery.solver;

/**
 * The factored solver's step: the gradient (preconditioned and conjugated for precond), its images
 * q, s (predictions along it are pred - eta q + eta^2 s, so a trial costs O(m): {@link StepLoss}),
 * the Armijo-safeguarded line search and the move. Eta grows by half after three accepted steps in
 * a row, up to a cap from the operator's scale. Owned by its solver; allocates nothing per step.
 */
final class FactorStep {

    /** What a step did. */
    enum Outcome { ACCEPTED, STALLED, DIVERGED }

    /** Initialization scales below this are small starts, whose trace direction centring holds back. */
    private static final double SMALL_START = 0.1;
    private static final int MAX_HALVINGS = 60;
    /** Accepted steps over which the loss must fall by a millionth, or the run has stalled. */
    private static final int STALL_WINDOW = 200;

    private final FactoredSolver<?> solver;
    private final Factors state;
    private final ResidualWeights fit;
    /** Gradient and step direction, U and V blocks (one array when tied); calibration and width borrow them. */
    final double[] gu;
    final double[] gv;
    final double[] du;
    final double[] dv;
    /** The step's images, one per row of the window. */
    private double[] q;
    private double[] s;
    private final ConjugateDirections conjugate;
    private int acceptRun;
    /** The plain direction has taken over from the centred one in this start: see {@link #leaveCentring}. */
    private boolean centringLeft;
    private double stallReference = Double.POSITIVE_INFINITY;
    private int sinceStallCheck;

    FactorStep(FactoredSolver<?> solver, int windowRows) {
        this.solver = solver;
        this.state = solver.state;
        this.fit = solver.fit;
        this.conjugate = new ConjugateDirections((state.rows + state.cols) * state.maxWidth);
        this.gu = new double[state.rows * state.maxWidth];
        this.gv = state.tied ? gu : new double[state.cols * state.maxWidth];
        this.du = new double[state.rows * state.maxWidth];
        this.dv = state.tied ? du : new double[state.cols * state.maxWidth];
        resizeRows(windowRows);
    }

    /** The window's arrays grew: so do the step's images (recomputed before each use). */
    void resizeRows(int rows) {
        q = new double[rows];
        s = new double[rows];
    }

    /** The factors or the window changed: conjugate directions and the stall window start again. */
    void restart() {
        conjugate.restart();
        stallReference = Double.POSITIVE_INFINITY;
        sinceStallCheck = 0;
    }

    /** A new start: eta grows again only after three accepted steps. */
    void resetRun() {
        acceptRun = 0;
        centringLeft = false;
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

    /** The cap eta grows to: 8 (GD) or 4 (preconditioned) times the initial step, or the fixed one. */
    double maxEta() {
        double growth = Double.isNaN(solver.options.eta()) ? (solver.options.method() == Method.GD ? 8.0 : 4.0) : 1.0;
        return growth * initialEta();
    }

    /** One safeguarded step; factors and loss move only when it is accepted. STALLED also by {@link #stalled}. */
    Outcome take() {
        int m = solver.sensing.size();
        if (fit.reweighs()) {
            fit.reweigh(solver.sensing);
        }
        double[] w = fit.train;
        int n = fit.trainRows();
        boolean centre = centring();
        double slope = direction(centre, m);
        if (centre && slope <= 0) {
            // The centred direction need not descend on the loss itself: take the plain one.
            conjugate.restart();
            slope = direction(false, m);
        }
        if (Double.isNaN(slope)) {
            return Outcome.DIVERGED;
        }
        if (!(slope > 0)) {
            return Outcome.STALLED;
        }
        double eta = refining() ? StepLoss.firstMinimizer(fit.resid, q, s, w, m, n, slope, state.eta, 16.0 * maxEta())
                : state.eta;
        for (int halvings = 0; halvings < MAX_HALVINGS; halvings++, eta *= 0.5) {
            double trial = StepLoss.at(fit.resid, q, s, w, m, n, eta);
            if (trial <= fit.loss - StepLoss.ARMIJO * eta * slope) {
                accept(eta, trial, m);
                return stalled() ? Outcome.STALLED : Outcome.ACCEPTED;
            }
            if (!Double.isFinite(trial) && !Double.isFinite(fit.loss)) {
                return Outcome.DIVERGED;
            }
            // A rejected trial: eta grows again only after three accepted steps in a row.
            state.rejected++;
            acceptRun = 0;
        }
        state.eta = eta;
        return Outcome.STALLED;
    }

    /** Whether this start still takes centred steps (rank-one sensing, a small start, the rank not found). */
    private boolean centring() {
        return !centringLeft && solver.exploring() && solver.sensing.centredWhileExploring()
                && solver.options.alpha() < SMALL_START;
    }

    /**
     * A centred run that stopped gaining close to a fit the window pins down: blind to the trace
     * direction, the centred step can stop short of it (a cluster member's array sat at error 5e-3).
     * The plain gradient takes over for the rest of the start; returns whether it did.
     */
    boolean leaveCentring() {
        if (!centring() || !solver.width.identified() || fit.relativeResidual() > WidthControl.MISFIT) {
            return false;
        }
        centringLeft = true;
        state.eta = initialEta();
        conjugate.restart();
        return true;
    }

    /**
     * (du, dv) &lt;- the step direction, q and s its images; returns the slope along it, NaN when the
     * preconditioner cannot be factored. centre: the gradient of the centred residuals r - mean(r)
     * (the seed paper's A_i - mean(A)), without the trace direction that grows a small start's columns alike.
     */
    private double direction(boolean centre, int m) {
        double[] w = fit.train;
        double mean = 0.0;
        if (centre) {
            double sw = 0.0;
            for (int i = 0; i < m; i++) {
                mean += w[i] * fit.resid[i];
                sw += w[i];
            }
            mean = sw > 0 ? mean / sw : 0.0;
        }
        // The gradient is linear in the weights: 1/n folded into them gives (1/n) sum_i w_i r_i A_i (U, V).
        double scale = 1.0 / fit.trainRows();
        for (int i = 0; i < m; i++) {
            fit.weighted[i] = scale * w[i] * (fit.resid[i] - mean);
        }
        int k = state.k;
        int nu = state.rows * k;
        int nv = state.tied ? 0 : state.cols * k;
        solver.sensing.gradient(fit.weighted, state.u, state.v, k, gu, gv);
        System.arraycopy(gu, 0, du, 0, nu);
        System.arraycopy(gv, 0, dv, 0, nv);
        if (solver.options.method() == Method.PRECOND) {
            if (!precondition(k)) {
                return Double.NaN;
            }
            conjugate.apply(gu, du, nu, gv, dv, nv);
        }
        solver.sensing.direction(state.u, state.v, du, dv, k, q, s);
        return StepLoss.slope(fit.resid, q, w, m, fit.trainRows());
    }

    /**
     * du &lt;- du (V^T V + lambda I)^{-1}, dv &lt;- dv (U^T U + lambda I)^{-1}, lambda = sqrt(2 f / s)
     * (PrecGD), at least 0.3 ||X*||_est while exploring: a small lambda would speed up the directions
     * still at the initialization scale and undo the small start's bias. False if not factorable.
     */
    private boolean precondition(int k) {
        double lambda = Double.isNaN(solver.options.lambda())
                ? Math.sqrt(2.0 * fit.loss / state.operatorScale)
                : solver.options.lambda();
        if (solver.exploring()) {
            lambda = Math.max(lambda, 0.3 * state.dataScale);
        }
        return solver.cores.precondition(du, state.rows, state.v, state.cols, k, lambda)
                && (state.tied || solver.cores.precondition(dv, state.cols, state.u, state.rows, k, lambda));
    }

    /** Whether the step may be the exact minimizer: truncated, no spare width is left for a long step to fill. */
    private boolean refining() {
        return solver.options.method() == Method.PRECOND && !solver.exploring() && Double.isNaN(solver.options.eta());
    }

    private void accept(double eta, double trial, int m) {
        int nu = state.rows * state.k;
        int nv = state.tied ? 0 : state.cols * state.k;
        for (int i = 0; i < nu; i++) {
            state.u[i] -= eta * du[i];
        }
        for (int i = 0; i < nv; i++) {
            state.v[i] -= eta * dv[i];
        }
        solver.sensing.moveAlong(eta, state.k);
        StepLoss.advance(fit.resid, q, s, m, eta);
        fit.loss = trial;
        state.iterations++;
        state.eta = eta;
        if (++acceptRun >= 3) {
            state.eta = Math.min(eta * 1.5, maxEta());
            acceptRun = 0;
        }
    }

    /** Once per STALL_WINDOW accepted steps: whether the loss fell by less than a millionth over them. */
    private boolean stalled() {
        if (++sinceStallCheck < STALL_WINDOW) {
            return false;
        }
        sinceStallCheck = 0;
        boolean flat = fit.loss > (1.0 - 1e-6) * stallReference;
        stallReference = fit.loss;
        return flat;
    }
}
