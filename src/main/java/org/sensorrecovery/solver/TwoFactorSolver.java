package org.sensorrecovery.solver;

import java.util.Arrays;
import java.util.function.LongSupplier;

import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.linalg.SmallDense;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.sensing.TwoFactorSensing;

/**
 * Recovers a low-rank rectangular matrix X = U V^T (U rows x k, V cols x k) from the measurements
 * in a window by factorized gradient descent from a small random start (Soltanolkotabi, Stoger
 * &amp; Xie 2023), by default with the preconditioned two-factor step
 * U &lt;- U - eta grad_U (V^T V + lambda I)^{-1}, V &lt;- V - eta grad_V (U^T U + lambda I)^{-1},
 * lambda tied to the loss as in {@link FactorSolver}.
 *
 * <p>Loss f(U, V) = 1/(2m) sum_i (&lt;A_i, U V^T&gt; - y_i)^2, gradients (1/m) sum_i r_i A_i V and
 * (1/m) sum_i r_i A_i^T U. Along a step (DU, DV) the predictions are again the quadratic
 * pred - eta q + eta^2 s (q = &lt;A, DU V^T + U DV^T&gt;, s = &lt;A, DU DV^T&gt;), so the step size,
 * safeguard, exact quartic line search, conjugate directions and stall test are
 * {@link FactorSolver}'s, shared through {@link StepLoss}, {@link ConjugateDirections} and
 * {@link StallWatch}.
 *
 * <p>No balancing term ||U^T U - V^T V||_F^2: from a small balanced start the factors stay balanced
 * by themselves (U^T U - V^T V is conserved by gradient flow, Du, Hu &amp; Lee 2018), and truncation
 * rebalances them exactly; the note in README.md gives the experiment.
 *
 * <p>Over-parameterize to find the rank, then stop paying for it: k = min(rows, cols) by default;
 * once the singular values of U V^T (from the k x k cores, {@link TwoFactorCores}) separate, both
 * factors are truncated to the detected rank plus a margin and refined with the full
 * preconditioned step.
 *
 * <p>One owner thread. Workspaces are allocated at construction; an iteration allocates nothing.
 */
public final class TwoFactorSolver implements WindowSolver {

    private static final int RANK_CHECK_EVERY = 5;
    private static final int STALL_WINDOW = 200;
    /** Relative residual below which spare columns that stayed below the gap are dropped. */
    private static final double DROP_MARGIN_RESIDUAL = 1e-4;
    /** Dropped columns may carry at most this multiple of the relative residual (in ||X_hat||_F). */
    private static final double TAIL_PER_RESIDUAL = 10.0;
    /** Re-widenings allowed per start: on noisy data a full-width fit must not oscillate. */
    private static final int MAX_WIDENINGS = 3;

    private final TwoFactorSensing sensing;
    private final SolverOptions options;
    private final LongSupplier nanoClock;
    private final int rows;
    private final int cols;
    private final int maxWidth;
    private final TwoFactorState state;
    private final TwoFactorCores cores;
    private final ConjugateDirections conjugate;
    private final StallWatch stallWatch = new StallWatch(STALL_WINDOW);
    private final double[] gu;
    private final double[] gv;
    private final double[] du;
    private final double[] dv;
    private final double[] pred;
    private final double[] q;
    private final double[] s;
    private final double[] resid;
    private final StepLoss.Backtrack search = new StepLoss.Backtrack();
    private final double[] weighted;
    private final ResidualWeights weights;
    private final ValidationWatch validation = new ValidationWatch(new ValidationWatch.Snapshots() {
        @Override
        public void save() {
            System.arraycopy(state.u, 0, bestU, 0, rows * state.k);
            System.arraycopy(state.v, 0, bestV, 0, cols * state.k);
        }

        @Override
        public void restore() {
            System.arraycopy(bestU, 0, state.u, 0, rows * state.k);
            System.arraycopy(bestV, 0, state.v, 0, cols * state.k);
            refreshPredictions();
        }
    });
    private final double[] bestU;
    private final double[] bestV;

    private long seenAdded = -1;
    private double loss = Double.NaN;
    private double valueNorm2;
    private double valueRms;
    private int acceptRun;
    private int sinceRankCheck;
    private int lastRank = -1;
    private double lossAtCheck = Double.POSITIVE_INFINITY;
    private int widenings;
    private int slowChecks;

    /**
     * @param nanoClock time source for wall-clock budgets (tests inject their own)
     */
    public TwoFactorSolver(TwoFactorSensing sensing, SolverOptions options, LongSupplier nanoClock) {
        this.sensing = sensing;
        this.options = options;
        this.nanoClock = nanoClock;
        this.rows = sensing.rows();
        this.cols = sensing.cols();
        int full = Math.min(rows, cols);
        this.maxWidth = options.rankBound() == 0 ? full : Math.min(options.rankBound(), full);
        this.state = new TwoFactorState(rows, cols, maxWidth, options.seed());
        this.cores = new TwoFactorCores(maxWidth, Kernels.best());
        this.conjugate = new ConjugateDirections((rows + cols) * maxWidth);
        int cap = sensing.capacity();
        this.gu = new double[rows * maxWidth];
        this.gv = new double[cols * maxWidth];
        this.du = new double[rows * maxWidth];
        this.dv = new double[cols * maxWidth];
        this.pred = new double[cap];
        this.q = new double[cap];
        this.s = new double[cap];
        this.resid = new double[cap];
        this.weighted = new double[cap];
        this.weights = new ResidualWeights(options.loss(), options.holdout(), cap);
        this.bestU = new double[rows * maxWidth];
        this.bestV = new double[cols * maxWidth];
    }

    public TwoFactorSolver(TwoFactorSensing sensing, SolverOptions options) {
        this(sensing, options, System::nanoTime);
    }

    public TwoFactorSensing sensing() {
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

    /** Accepted steps so far. */
    @Override
    public long iterations() {
        return state.iterations;
    }

    /** Current factor width k. */
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
        return Arrays.copyOf(state.u, rows * state.k);
    }

    /** A copy of the factor V, cols x k row-major. */
    public double[] rightFactor() {
        return Arrays.copyOf(state.v, cols * state.k);
    }

    /**
     * Refines the factors with at most maxIterations accepted steps and at most maxNanos of wall
     * time, warm-starting from the current factors.
     */
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
            if (rel <= options.tolerance()) {
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
            if (outcome == StepOutcome.STALLED || stallWatch.stalled(loss)) {
                return new RefineResult(RefineResult.Status.STALLED, done, relativeResidual());
            }
            done++;
            if (validationStop()) {
                return new RefineResult(RefineResult.Status.VALIDATED, done, relativeResidual());
            }
            adaptWidth();
        }
    }

    /**
     * Relative RMS residual sqrt(sum w_i r_i^2 / sum w_i y_i^2) on the rows the loss fits at the
     * current factors (as in {@link FactorSolver#relativeResidual()}).
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

    /** Relative RMS residual on the held-out rows; NaN when nothing is held out. */
    @Override
    public double validationResidual() {
        if (sensing.size() == 0) {
            return Double.NaN;
        }
        prepare();
        return weights.heldOutResidual(resid, sensing.values(), sensing.size());
    }

    /** The current estimate: the SVD of U V^T from its k x k cores. */
    public SvdEstimate estimate() {
        double residual = relativeResidual();
        FactorSvd svd = FactorSvd.of(state.u, rows, state.v, cols, state.k);
        double[] sigma = svd.values();
        int rank = svd.size() == 0 ? 0 : signalRank(sigma, svd.size(), residual);
        int m = sensing.size();
        return new SvdEstimate(rows, cols, rank, Arrays.copyOf(sigma, rank), svd.left(rank), svd.right(rank), residual,
                m, state.iterations, state.k, state.resets, options.loss(), weights.outliers(resid, m),
                weights.suspects(resid, sensing), weights.heldOutResidual(resid, sensing.values(), m));
    }

    /**
     * The rank to report: {@link RankDetector#reportedRank}, or more when more singular values have
     * clearly grown (a gap inside the signal is not the separation from the spare columns).
     */
    private int signalRank(double[] sigma, int k, double residual) {
        double floor = noiseFloor(residual, sigma);
        return Math.max(RankDetector.reportedRank(sigma, k, state.initScale(), floor),
                RankDetector.grownCount(sigma, k, state.initScale(), floor));
    }

    /** The singular value a direction fitted to noise reaches: relative residual times ||X_hat||_F. */
    private static double noiseFloor(double residual, double[] sigma) {
        return Double.isFinite(residual) ? residual * Math.sqrt(SmallDense.sumOfSquares(sigma, sigma.length)) : 0.0;
    }

    /** The solver's state (factors, step size, counters, random state) as bytes. */
    @Override
    public byte[] checkpoint() {
        return state.toBytes();
    }

    /**
     * Restores state written by {@link #checkpoint()} of a solver for the same shape and width.
     *
     * @throws IllegalArgumentException when the bytes are not a checkpoint of a matching solver
     */
    @Override
    public void restore(byte[] bytes) {
        state.readFrom(bytes);
        seenAdded = -1;
        acceptRun = 0;
        lastRank = -1;
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
            refreshPredictions();
        }
    }

    private void refreshPredictions() {
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
        validation.rebaseline(weights.heldOutResidual(resid, y, m));
    }

    /** Weights from the current residuals, then the weighted loss and value norm. */
    private void reweigh() {
        int m = sensing.size();
        weights.update(resid, sensing.tickets(), m, 1e-13 * valueRms);
        valueNorm2 = weights.trainSquares(sensing.values(), m);
        loss = weights.trainSquares(resid, m) / (2.0 * weights.trainRows());
    }

    /** After an accepted step: noise-aware stopping, as in {@link FactorSolver}. */
    private boolean validationStop() {
        return weights.validationRows() > 0 && validation.afterStep(
                weights.heldOutResidual(resid, sensing.values(), sensing.size()),
                state.shrunk || relativeResidual() <= 0.5, sensing.added());
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

    /** GD: 1/(3 s ||X*||) (the gradient has no factor 2 here, unlike U U^T); preconditioned: half the full step. */
    private double initialEta() {
        if (!Double.isNaN(options.eta())) {
            return options.eta();
        }
        return options.method() == Method.GD
                ? 1.0 / (3.0 * state.operatorScale * state.dataScale)
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
        int k = state.k;
        int nu = rows * k;
        int nv = cols * k;
        if (weights.reweighs()) {
            reweigh();
        }
        double[] w = weights.train;
        int n = weights.trainRows();
        for (int i = 0; i < m; i++) {
            weighted[i] = w[i] * resid[i];
        }
        sensing.gradient(weighted, state.u, state.v, k, gu, gv);
        double scale = 1.0 / n;
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
                return StepOutcome.DIVERGED;
            }
            conjugate.apply(gu, du, nu, gv, dv, nv);
        }
        sensing.direction(state.u, state.v, du, dv, k, q, s);
        double slope = StepLoss.slope(resid, q, w, m, n);
        if (Double.isNaN(slope)) {
            return StepOutcome.DIVERGED;
        }
        if (!(slope > 0)) {
            return StepOutcome.STALLED;
        }
        double eta = refining() ? StepLoss.firstMinimizer(resid, q, s, w, m, n, slope, state.eta, 16.0 * maxEta()) : state.eta;
        search.run(resid, q, s, w, m, n, loss, slope, eta);
        state.rejected += search.halvings;
        if (search.halvings > 0) {
            acceptRun = 0;
        }
        if (search.diverged) {
            return StepOutcome.DIVERGED;
        }
        if (search.accepted) {
            accept(search.eta, search.trial, m, nu, nv);
            return StepOutcome.ACCEPTED;
        }
        state.eta = search.eta;
        return StepOutcome.STALLED;
    }

    /** Whether the step may be the exact minimizer along the direction: once truncated (see FactorSolver). */
    private boolean refining() {
        return options.method() == Method.PRECOND && !exploring() && Double.isNaN(options.eta());
    }

    /** Still looking for the rank: shrinking is on and the factors have not been truncated yet. */
    private boolean exploring() {
        return options.shrink() && !state.shrunk;
    }

    /**
     * du &lt;- du (V^T V + lambda I)^{-1}, dv &lt;- dv (U^T U + lambda I)^{-1}; lambda = sqrt(2 f / s) ~
     * ||U V^T - X*||_F (PrecGD), at least 0.3 ||X*||_est while the rank is looked for (a GD-like
     * step that keeps the small-initialization bias). False when a system cannot be factored.
     */
    private boolean precondition(int k) {
        double lambda = Double.isNaN(options.lambda())
                ? Math.sqrt(2.0 * loss / state.operatorScale)
                : options.lambda();
        if (exploring()) {
            lambda = Math.max(lambda, 0.3 * state.dataScale);
        }
        return cores.precondition(du, rows, state.v, cols, k, lambda)
                && cores.precondition(dv, cols, state.u, rows, k, lambda);
    }

    private void accept(double eta, double trial, int m, int nu, int nv) {
        double[] u = state.u;
        double[] v = state.v;
        for (int i = 0; i < nu; i++) {
            u[i] -= eta * du[i];
        }
        for (int i = 0; i < nv; i++) {
            v[i] -= eta * dv[i];
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

    /**
     * Over-parameterize to find the rank, then stop paying for it. Once the singular values of
     * U V^T have separated (the same rank at two checks in a row), both factors are truncated to
     * the detected rank plus a margin; once the fit is close, margin columns still below the gap
     * are dropped too. If every column turns out to carry signal while the loss no longer falls,
     * the truncation was too early: columns are added back, the first along what the fit misses.
     */
    private void adaptWidth() {
        if (!options.shrink() || ++sinceRankCheck < RANK_CHECK_EVERY) {
            return;
        }
        sinceRankCheck = 0;
        if (!state.shrunk && relativeResidual() > 0.5) {
            // Nothing has been fitted yet, so nothing can have separated: skip the k x k work.
            return;
        }
        int k = state.k;
        if (!cores.singularValues(state.u, rows, state.v, cols, k)) {
            return;
        }
        double[] sigma = cores.values();
        int rank = RankDetector.separatedRank(sigma, k, state.initScale());
        if (state.shrunk && rank > 0) {
            rank = Math.max(rank, RankDetector.grownCount(sigma, k, state.initScale(),
                    noiseFloor(relativeResidual(), sigma)));
        }
        // Stalled at two checks in a row: a column just added gets time to take up what the fit misses.
        slowChecks = loss > 0.5 * lossAtCheck ? slowChecks + 1 : 0;
        lossAtCheck = loss;
        boolean slow = slowChecks >= 2;
        boolean stable = rank > 0 && rank == lastRank;
        lastRank = rank;
        if (rank > 0 && !stable) {
            // A first sighting of a separation: confirm it at the next step rather than five later.
            sinceRankCheck = RANK_CHECK_EVERY - 1;
        }
        int target = k;
        if (stable && !state.shrunk) {
            target = Math.min(k, rank + margin());
        } else if (stable && relativeResidual() <= DROP_MARGIN_RESIDUAL && onlyResidualBeyond(sigma, rank, k)) {
            target = rank;
        }
        if (target < k || stable && !state.shrunk) {
            truncate(k, target);
        } else if ((rank < 0 || rank >= k) && state.shrunk && slow && k < maxWidth && widenings < MAX_WIDENINGS
                && relativeResidual() > DROP_MARGIN_RESIDUAL
                && sigma[k - 1] >= RankDetector.GROWTH * state.initScale()) {
            widenings++;
            widen(k, Math.min(maxWidth, k + Math.max(1, margin())));
            slowChecks = 0;
        }
    }

    /**
     * Spare columns kept beyond the detected rank: none where they would overfit the window (entry
     * samples, {@link TwoFactorSensing#spareColumnsOverfit()}); a rank found too early is then
     * mended by {@link #widen}.
     */
    private int margin() {
        return sensing.spareColumnsOverfit() ? 0 : options.margin();
    }

    /**
     * Adds columns up to newWidth: small random ones, except the first, which starts on the missing
     * part of the fit. With M = (1/m) sum_i r_i A_i ~ s (U V^T - X*) and its leading singular
     * triplet (sigma, x, z), X* - U V^T ~ -(sigma / s) x z^T: a spectral start for the direction the
     * factors lack (at the initialization scale it would look spare and be truncated again).
     */
    private void widen(int k, int newWidth) {
        double[] w = weights.train;
        for (int i = 0, m = sensing.size(); i < m; i++) {
            weighted[i] = w[i] * resid[i];
        }
        double sigma = leadingPair(weighted, du, dv);
        state.widen(newWidth);
        if (sigma > 0 && Double.isFinite(sigma)) {
            double c = Math.sqrt(sigma / state.operatorScale);
            for (int i = 0; i < rows; i++) {
                state.u[i * newWidth + k] = c * du[i];
            }
            for (int j = 0; j < cols; j++) {
                state.v[j * newWidth + k] = -c * dv[j];
            }
        }
        refreshPredictions();
    }

    /**
     * Power iterations for the leading singular pair of (1/m) sum_i w_i A_i.
     *
     * @param x rows numbers. Overwritten with the unit left vector.
     * @param z cols numbers. Overwritten with the unit right vector.
     * @return the singular value x^T ((1/m) sum_i w_i A_i) z, at least 0; pred holds &lt;A_i, x z^T&gt;. Overwrites gu, gv
     *         and the sensing's images: predictions must be refreshed afterwards.
     */
    private double leadingPair(double[] w, double[] x, double[] z) {
        int m = sensing.size();
        for (int i = 0; i < rows; i++) {
            x[i] = state.rng.normal();
        }
        for (int i = 0; i < cols; i++) {
            z[i] = state.rng.normal();
        }
        normalize(x, rows);
        normalize(z, cols);
        for (int it = 0; it < 12; it++) {
            sensing.predict(x, z, 1, pred);
            sensing.gradient(w, x, z, 1, gu, gv);
            if (normalize(gu, rows) == 0.0 || normalize(gv, cols) == 0.0) {
                break;
            }
            System.arraycopy(gu, 0, x, 0, rows);
            System.arraycopy(gv, 0, z, 0, cols);
        }
        sensing.predict(x, z, 1, pred);
        double sigma = SmallDense.dot(w, pred, m) / m;
        if (sigma < 0) {
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

    /** Whether the singular values beyond the first count carry no more than the fit's error ({@link RankDetector#tailWithin}). */
    private boolean onlyResidualBeyond(double[] sigma, int count, int k) {
        return RankDetector.tailWithin(sigma, count, k, TAIL_PER_RESIDUAL * relativeResidual());
    }

    /** Replaces the factors by the balanced factors of the top target singular triplets of U V^T. */
    private void truncate(int k, int target) {
        if (cores.truncate(state.u, rows, state.v, cols, k, target, gu, gv)) {
            state.resize(target, gu, gv);
            refreshPredictions();
        }
    }

    private void resetFactors() {
        state.resets++;
        widenings = 0;
        validation.reset();
        state.initialize(options.alpha());
        state.eta = initialEta() * 0.25;
        seenAdded = -1;
        lastRank = -1;
        acceptRun = 0;
        refreshPredictions();
    }

    private static double normalize(double[] x, int n) {
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
