package org.sensorrecovery.solver;

import java.util.Arrays;
import java.util.function.LongSupplier;

import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.linalg.SmallDense;
import org.sensorrecovery.sensing.FactorSensing;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.sensing.Sensings;
import org.sensorrecovery.sensing.SymmetricSensing;

/**
 * Recovers a low-rank matrix X = U V^T (U rows x k, V cols x k; Soltanolkotabi, Stoger &amp; Xie
 * 2023) from the measurements in a window by factored gradient descent from a small random start
 * (Li, Ma &amp; Zhang 2018). A symmetric PSD X = U U^T is the same problem with the factors tied
 * (V = U, one array): one loop serves both, the factorization and the sensing supply only what
 * differs. By default the step is preconditioned, U &lt;- U - eta grad_U (V^T V + lambda I)^{-1}
 * (and likewise V), lambda tied to the loss (PrecGD, Zhang, Fattahi &amp; Zhang 2021).
 *
 * <p>Loss f = 1/(2m) sum_i (&lt;A_i, U V^T&gt; - y_i)^2. Along a step (DU, DV) the predictions are
 * the quadratic pred - eta q + eta^2 s, so trial step sizes cost O(m) and a loss increase or a
 * non-finite value is rejected (eta halves) before the factors move ({@link StepLoss}). After
 * three accepted steps in a row eta grows by half, up to a cap from the operator's estimated
 * scale. The preconditioned method also takes Polak-Ribiere conjugate directions
 * ({@link ConjugateDirections}); while the rank is still being looked for its damping is at least
 * 0.3 ||X*||_est (a GD-like step that keeps the small-initialization bias), afterwards the step is
 * the exact minimizer of the quartic f(eta), still checked by the safeguard.
 *
 * <p>Over-parameterize to find the rank, then stop paying for it: {@link WidthControl} truncates
 * the factors to the detected rank plus a margin once the spectrum separates, and adds columns
 * back when the truncation came too early. Loss: least squares, or a robust {@link Loss} that
 * reweighs the residuals every step ({@link ResidualWeights}); with a holdout share, refining
 * stops back at the best iterate once the held-out residual stops improving
 * ({@link ValidationWatch}). No balancing term for two factors: from a small balanced start they
 * stay balanced (Du, Hu &amp; Lee 2018), and truncation rebalances them exactly.
 *
 * <p>One owner thread. Workspaces are allocated at construction; an iteration allocates nothing.
 *
 * @param <E> the estimate it reads out: {@link Estimate} (eigenvalues) when tied, {@link SvdEstimate} otherwise
 */
public final class FactoredSolver<E> implements WindowSolver {

    /** How a solver's factors become its estimate. */
    interface Readout<E> {
        E read(FactoredSolver<E> solver);
    }

    /**
     * Initialization scales below this are small starts, whose common (trace) direction centring
     * holds back; from a large start there is no such bias to protect and centring only slows it.
     */
    private static final double SMALL_START = 0.1;
    private static final int STALL_WINDOW = 200;

    final FactorSensing sensing;
    private final Readout<E> readout;
    final SolverOptions options;
    private final LongSupplier nanoClock;
    final Factors state;
    private final WidthControl width;
    final FactorCores cores;
    private final ConjugateDirections conjugate;
    final ResidualWeights weights;
    private final StallWatch stallWatch = new StallWatch(STALL_WINDOW);
    /** Gradient and step direction, U block and V block (the same arrays when tied). */
    final double[] gu;
    final double[] gv;
    final double[] du;
    final double[] dv;
    /** Per row of the window: prediction, residual, weighted residual, and the step's images q and s. */
    final double[] pred;
    final double[] resid;
    final double[] weighted;
    private final double[] q;
    private final double[] s;
    private final StepLoss.Backtrack search = new StepLoss.Backtrack();
    private final double[] bestU;
    private final double[] bestV;
    private final ValidationWatch validation;

    private long seenAdded = -1;
    double loss = Double.NaN;
    private double valueNorm2;
    private double valueRms;
    private int acceptRun;

    private FactoredSolver(FactorSensing sensing, boolean tied, SolverOptions options, LongSupplier nanoClock,
                           Readout<E> readout) {
        this.sensing = sensing;
        this.options = options;
        this.nanoClock = nanoClock;
        this.readout = readout;
        int rows = sensing.rows();
        int cols = sensing.cols();
        int full = Math.min(rows, cols);
        int maxWidth = options.rankBound() == 0 ? full : Math.min(options.rankBound(), full);
        this.state = new Factors(rows, cols, tied, maxWidth, options.seed());
        this.cores = new FactorCores(maxWidth, Kernels.best());
        this.conjugate = new ConjugateDirections((rows + cols) * maxWidth);
        int cap = sensing.capacity();
        this.gu = new double[rows * maxWidth];
        this.gv = tied ? gu : new double[cols * maxWidth];
        this.du = new double[rows * maxWidth];
        this.dv = tied ? du : new double[cols * maxWidth];
        this.pred = new double[cap];
        this.q = new double[cap];
        this.s = new double[cap];
        this.resid = new double[cap];
        this.weighted = new double[cap];
        this.weights = new ResidualWeights(options.loss(), options.holdout(), cap);
        this.bestU = new double[rows * maxWidth];
        this.bestV = tied ? bestU : new double[cols * maxWidth];
        this.validation = new ValidationWatch(new ValidationWatch.Snapshots() {
            @Override
            public void save() {
                state.copy(bestU, bestV, false);
            }

            @Override
            public void restore() {
                state.copy(bestU, bestV, true);
                refreshPredictions();
            }
        });
        this.width = new WidthControl(this);
    }

    /**
     * The symmetric solver: X = U U^T, the factors tied.
     *
     * @param nanoClock time source for wall-clock budgets (tests inject their own)
     */
    public static FactoredSolver<Estimate> symmetric(SymmetricSensing sensing, SolverOptions options,
                                                     LongSupplier nanoClock) {
        return new FactoredSolver<>(sensing, true, options, nanoClock, Readouts::eigen);
    }

    public static FactoredSolver<Estimate> symmetric(SymmetricSensing sensing, SolverOptions options) {
        return symmetric(sensing, options, System::nanoTime);
    }

    /** The rectangular solver: X = U V^T, two factors of width up to min(rows, cols). */
    public static FactoredSolver<SvdEstimate> rectangular(FactorSensing sensing, SolverOptions options,
                                                          LongSupplier nanoClock) {
        return new FactoredSolver<>(sensing, false, options, nanoClock, Readouts::svd);
    }

    public static FactoredSolver<SvdEstimate> rectangular(FactorSensing sensing, SolverOptions options) {
        return rectangular(sensing, options, System::nanoTime);
    }

    /**
     * The solver for an array of the given kind and shape: tied for a symmetric one (rows = cols =
     * d), two factors for a rectangular one; its window holds capacity measurements, its width is
     * the options' rank bound, or min(rows, cols) without one.
     */
    public static FactoredSolver<?> forArray(Kind kind, int rows, int cols, boolean rectangular, int capacity,
                                             SolverOptions options) {
        int full = Math.min(rows, cols);
        int width = options.rankBound() == 0 ? full : Math.min(options.rankBound(), full);
        return rectangular ? rectangular(Sensings.twoFactor(kind, rows, cols, capacity, width, Kernels.best()), options)
                : symmetric(Sensings.symmetric(kind, rows, capacity, width, Kernels.best()), options);
    }

    public FactorSensing sensing() {
        return sensing;
    }

    public SolverOptions options() {
        return options;
    }

    /**
     * Adds a measurement to the window.
     *
     * @throws org.sensorrecovery.sensing.InvalidMeasurementException naming the field; nothing changes
     */
    public void add(Measurement m) {
        sensing.add(m);
    }

    /** Adds a measurement sent by the named device (the robust loss names faulty devices). */
    @Override
    public void add(Measurement m, String device) {
        sensing.add(m, device);
    }

    @Override
    public int windowSize() {
        return sensing.size();
    }

    @Override
    public long iterations() {
        return state.iterations;
    }

    @Override
    public int width() {
        return state.k;
    }

    /** Current step size. */
    public double stepSize() {
        return state.eta;
    }

    /** Trial steps rejected by the safeguard so far. */
    public long rejectedSteps() {
        return state.rejected;
    }

    /** Divergences detected and reset so far. */
    public long resets() {
        return state.resets;
    }

    /** A copy of the factor U, rows x k row-major (k = {@link #width()}). */
    public double[] leftFactor() {
        return Arrays.copyOf(state.u, state.rows * state.k);
    }

    /** A copy of the factor V, cols x k row-major (U itself when tied). */
    public double[] rightFactor() {
        return Arrays.copyOf(state.v, state.cols * state.k);
    }

    /** The current estimate. */
    public E estimate() {
        return readout.read(this);
    }

    @Override
    public RefineResult refine(int maxIterations, long maxNanos) {
        if (sensing.size() == 0) {
            return new RefineResult(RefineResult.Status.EMPTY, 0, Double.NaN);
        }
        long start = nanoClock.getAsLong();
        prepare();
        if (validation.stopped()) {
            return new RefineResult(RefineResult.Status.VALIDATED, 0, relativeResidual());
        }
        int done = 0;
        while (true) {
            double rel = relativeResidual();
            if (rel <= options.tolerance() && !(width.interpolates() && width.narrowAfterFailure())) {
                return new RefineResult(RefineResult.Status.CONVERGED, done, rel);
            }
            if (done >= maxIterations || nanoClock.getAsLong() - start >= maxNanos) {
                return new RefineResult(RefineResult.Status.BUDGET, done, rel);
            }
            StepOutcome outcome = step();
            if (outcome == StepOutcome.DIVERGED) {
                resetFactors();
                return new RefineResult(RefineResult.Status.RESET, done, relativeResidual());
            }
            if ((outcome == StepOutcome.STALLED || stallWatch.stalled(loss)) && !width.narrowAfterFailure()) {
                return new RefineResult(RefineResult.Status.STALLED, done, relativeResidual());
            }
            done++;
            if (validationStop()) {
                return new RefineResult(RefineResult.Status.VALIDATED, done, relativeResidual());
            }
            width.adapt();
        }
    }

    /**
     * Relative RMS residual sqrt(sum w_i r_i^2 / sum w_i y_i^2) on the rows the loss fits (all of
     * them under l2 without holdout) at the current factors.
     */
    @Override
    public double relativeResidual() {
        if (sensing.size() == 0) {
            return Double.NaN;
        }
        prepare();
        double r2 = 2.0 * loss * weights.trainRows();
        return valueNorm2 > 0 ? Math.sqrt(r2 / valueNorm2) : Math.sqrt(r2);
    }

    @Override
    public double validationResidual() {
        if (sensing.size() == 0) {
            return Double.NaN;
        }
        prepare();
        return heldOutResidual();
    }

    double heldOutResidual() {
        return weights.heldOutResidual(resid, sensing.values(), sensing.size());
    }

    @Override
    public byte[] checkpoint() {
        return state.toBytes();
    }

    @Override
    public void restore(byte[] bytes) {
        state.readFrom(bytes);
        seenAdded = -1;
        acceptRun = 0;
        width.reset();
        stallWatch.reset();
        validation.reset();
    }

    private enum StepOutcome { ACCEPTED, STALLED, DIVERGED }

    /** Calibrates on first use and brings predictions up to date with the window. */
    private void prepare() {
        if (!state.calibrated()) {
            calibrate();
            state.initialize(options.alpha());
            state.eta = initialEta();
        } else if (seenAdded != sensing.added() && sensing.size() >= 2 * state.calibratedSize) {
            // The window has grown a lot since the operator's scale was estimated: estimate it again.
            calibrate();
            state.eta = Math.min(state.eta, maxEta());
        }
        if (seenAdded != sensing.added()) {
            // A narrower start was for the window that proved the width too wide: fresh data may identify more.
            state.widthCap = state.maxWidth;
            refreshPredictions();
        }
    }

    /** Predictions and residuals afresh at the current factors (after the window or the factors changed). */
    void refreshPredictions() {
        int m = sensing.size();
        sensing.predict(state.u, state.v, state.k, pred);
        double[] y = sensing.values();
        for (int i = 0; i < m; i++) {
            resid[i] = pred[i] - y[i];
        }
        valueRms = Math.sqrt(SmallDense.sumOfSquares(y, m) / m);
        reweigh();
        seenAdded = sensing.added();
        conjugate.restart();
        stallWatch.reset();
        validation.rebaseline(heldOutResidual());
    }

    /** Weights from the current residuals, then the weighted loss and value norm. */
    private void reweigh() {
        int m = sensing.size();
        weights.update(resid, sensing.tickets(), m, 1e-13 * valueRms);
        valueNorm2 = weights.trainSquares(sensing.values(), m);
        loss = weights.trainSquares(resid, m) / (2.0 * weights.trainRows());
    }

    /**
     * After an accepted step: noise-aware stopping, counted only once the signal has been found,
     * so the plateau of a small start does not count.
     */
    private boolean validationStop() {
        return weights.validationRows() > 0
                && validation.afterStep(heldOutResidual(), state.shrunk || relativeResidual() <= 0.5, sensing.added());
    }

    /**
     * Estimates the operator's scale s = (1/m) sum &lt;A_i, x z^T&gt;^2 along the leading singular pair
     * (x, z) of sum y_i A_i (a few power iterations), and ||X*||_F ~ sqrt(mean(y^2) / s).
     */
    private void calibrate() {
        int m = sensing.size();
        // At U V^T = 0 the residuals are -y: the rows that train and that the loss does not reject.
        double[] y = sensing.values();
        valueRms = Math.sqrt(SmallDense.sumOfSquares(y, m) / m);
        weights.update(y, sensing.tickets(), m, 1e-13 * valueRms);
        for (int i = 0; i < m; i++) {
            weighted[i] = weights.train[i] * y[i];
        }
        leadingPair(weighted, du, dv);
        double sOp = weights.trainSquares(pred, m) / weights.trainRows();
        double meanY2 = weights.trainSquares(y, m) / weights.trainRows();
        if (!(sOp > 0) || !Double.isFinite(sOp)) {
            sOp = 1.0;
        }
        double scale = Math.sqrt(meanY2 / sOp);
        state.calibrate(sOp, scale > 0 && Double.isFinite(scale) ? scale : Double.MIN_NORMAL, m);
        seenAdded = -1;
    }

    /**
     * Power iterations for the leading singular pair of (1/m) sum_i w_i A_i (tied: x is z, the
     * leading eigenvector).
     *
     * @param x rows numbers. Overwritten with the unit left vector.
     * @param z cols numbers (x itself when tied). Overwritten with the unit right vector.
     * @return x^T ((1/m) sum_i w_i A_i) z, at least 0 for two factors; pred holds &lt;A_i, x z^T&gt;.
     *         Overwrites gu, gv and the sensing's images: predictions must be refreshed afterwards.
     */
    double leadingPair(double[] w, double[] x, double[] z) {
        int rows = state.rows;
        int cols = state.cols;
        boolean tied = state.tied;
        for (int i = 0; i < rows; i++) {
            x[i] = state.rng.normal();
        }
        for (int i = 0; i < cols && !tied; i++) {
            z[i] = state.rng.normal();
        }
        normalize(x, rows);
        normalize(z, tied ? 0 : cols);
        for (int it = 0; it < 12; it++) {
            sensing.predict(x, z, 1, pred);
            sensing.gradient(w, x, z, 1, gu, gv);
            if (normalize(gu, rows) == 0.0 || !tied && normalize(gv, cols) == 0.0) {
                break;
            }
            System.arraycopy(gu, 0, x, 0, rows);
            System.arraycopy(gv, 0, z, 0, tied ? 0 : cols);
        }
        int m = sensing.size();
        sensing.predict(x, z, 1, pred);
        double sigma = SmallDense.dot(w, pred, m) / m;
        if (sigma < 0 && !tied) {
            // x and z are updated together, so the pair may come out with opposite signs.
            for (int i = 0; i < cols; i++) {
                z[i] = -z[i];
            }
            for (int i = 0; i < m; i++) {
                pred[i] = -pred[i];
            }
            sigma = -sigma;
        }
        return sigma;
    }

    /** GD: 1/(3 s ||X*||), halved when tied (both factors move at once); preconditioned: half the full step. */
    private double initialEta() {
        if (!Double.isNaN(options.eta())) {
            return options.eta();
        }
        return options.method() == Method.GD
                ? 1.0 / ((state.tied ? 6.0 : 3.0) * state.operatorScale * state.dataScale)
                : 0.5 / state.operatorScale;
    }

    private double maxEta() {
        if (!Double.isNaN(options.eta())) {
            return options.eta();
        }
        return options.method() == Method.GD ? 8.0 * initialEta() : 4.0 * initialEta();
    }

    private StepOutcome step() {
        int m = sensing.size();
        if (weights.reweighs()) {
            reweigh();
        }
        double[] w = weights.train;
        int n = weights.trainRows();
        boolean centre = exploring() && sensing.centredWhileExploring() && options.alpha() < SMALL_START;
        double slope = direction(centre, m);
        if (centre && slope <= 0) {
            // The centred direction need not descend on the loss itself: take the plain one.
            conjugate.restart();
            slope = direction(false, m);
        }
        if (Double.isNaN(slope)) {
            return StepOutcome.DIVERGED;
        }
        if (!(slope > 0)) {
            return StepOutcome.STALLED;
        }
        double eta = refining() ? StepLoss.firstMinimizer(resid, q, s, w, m, n, slope, state.eta, 16.0 * maxEta())
                : state.eta;
        search.run(resid, q, s, w, m, n, loss, slope, eta);
        state.rejected += search.halvings;
        if (search.halvings > 0) {
            acceptRun = 0;
        }
        if (search.diverged) {
            return StepOutcome.DIVERGED;
        }
        if (search.accepted) {
            accept(search.eta, search.trial, m);
            return StepOutcome.ACCEPTED;
        }
        state.eta = search.eta;
        return StepOutcome.STALLED;
    }

    /**
     * (du, dv) &lt;- the step direction (gradient, preconditioned and conjugated for precond), q and
     * s its images; returns the loss's slope along it, NaN when the preconditioner cannot be factored.
     *
     * @param centre use the gradient of the loss of the centred residuals r - mean(r): the seed
     *               paper's A_i - mean(A), y_i - mean(y), which drops the common (trace) direction
     *               that would grow every column of a small start alike
     */
    private double direction(boolean centre, int m) {
        double[] w = weights.train;
        double mean = 0.0;
        if (centre) {
            double sw = 0.0;
            for (int i = 0; i < m; i++) {
                mean += w[i] * resid[i];
                sw += w[i];
            }
            mean = sw > 0 ? mean / sw : 0.0;
        }
        for (int i = 0; i < m; i++) {
            weighted[i] = w[i] * (resid[i] - mean);
        }
        int k = state.k;
        int nu = state.rows * k;
        int nv = state.tied ? 0 : state.cols * k;
        sensing.gradient(weighted, state.u, state.v, k, gu, gv);
        double scale = 1.0 / weights.trainRows();
        for (int i = 0; i < nu; i++) {
            gu[i] *= scale;
        }
        for (int i = 0; i < nv; i++) {
            gv[i] *= scale;
        }
        System.arraycopy(gu, 0, du, 0, nu);
        System.arraycopy(gv, 0, dv, 0, nv);
        if (options.method() == Method.PRECOND) {
            if (!precondition(k)) {
                return Double.NaN;
            }
            conjugate.apply(gu, du, nu, gv, dv, nv);
        }
        sensing.direction(state.u, state.v, du, dv, k, q, s);
        return StepLoss.slope(resid, q, w, m, weights.trainRows());
    }

    /**
     * du &lt;- du (V^T V + lambda I)^{-1}, dv &lt;- dv (U^T U + lambda I)^{-1} (tied: one solve);
     * lambda = sqrt(2 f / s) ~ ||U V^T - X*||_F (PrecGD), at least 0.3 ||X*||_est while the rank
     * is looked for. False when a system cannot be factored.
     */
    private boolean precondition(int k) {
        double lambda = Double.isNaN(options.lambda())
                ? Math.sqrt(2.0 * loss / state.operatorScale)
                : options.lambda();
        if (exploring()) {
            // Before the rank is found, damping at the data scale keeps the step GD-like: a small
            // lambda would speed up the directions still at the initialization scale and undo the
            // small-initialization bias.
            lambda = Math.max(lambda, 0.3 * state.dataScale);
        }
        return cores.precondition(du, state.rows, state.v, state.cols, k, lambda)
                && (state.tied || cores.precondition(dv, state.cols, state.u, state.rows, k, lambda));
    }

    /**
     * Whether the step may be the exact minimizer along the direction: once the factors have been
     * truncated to the detected rank there is no spare width for a long step to fill with
     * non-signal directions, so the small-initialization bias no longer needs short steps.
     */
    private boolean refining() {
        return options.method() == Method.PRECOND && !exploring() && Double.isNaN(options.eta());
    }

    /** Still looking for the rank: shrinking is on and the factors have not been truncated yet. */
    boolean exploring() {
        return options.shrink() && !state.shrunk;
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
        sensing.moveAlong(eta, state.k);
        StepLoss.advance(resid, q, s, m, eta);
        loss = trial;
        state.iterations++;
        state.eta = eta;
        if (++acceptRun >= 3) {
            state.eta = Math.min(eta * 1.5, maxEta());
            acceptRun = 0;
        }
    }

    /** A new small start at the width cap, with a quarter of the initial step (after a divergence). */
    void resetFactors() {
        state.resets++;
        restartSmall();
        state.eta = initialEta() * 0.25;
    }

    /** A new small start at the width cap. */
    void restartSmall() {
        validation.reset();
        width.reset();
        state.initialize(options.alpha());
        state.eta = initialEta();
        seenAdded = -1;
        acceptRun = 0;
        refreshPredictions();
    }

    static double normalize(double[] x, int n) {
        double norm = Math.sqrt(SmallDense.sumOfSquares(x, n));
        if (norm > 0 && Double.isFinite(norm)) {
            for (int i = 0; i < n; i++) {
                x[i] /= norm;
            }
            return norm;
        }
        return 0.0;
    }
}
