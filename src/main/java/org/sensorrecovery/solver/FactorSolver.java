package org.sensorrecovery.solver;

import java.util.Arrays;
import java.util.function.LongSupplier;

import org.sensorrecovery.linalg.Gemm;
import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.linalg.SmallDense;
import org.sensorrecovery.linalg.SymmetricEigenvalues;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.sensing.SymmetricSensing;

/**
 * Recovers a low-rank PSD matrix X = U U^T from the measurements in a window by factorized
 * gradient descent from a small random start (Li, Ma &amp; Zhang 2018), by default with the
 * preconditioned step U &lt;- U - eta grad (U^T U + lambda I)^{-1}, lambda tied to the loss
 * (PrecGD, Zhang, Fattahi &amp; Zhang 2021).
 *
 * <p>Loss f(U) = 1/(2m) sum_i (&lt;A_i, U U^T&gt; - y_i)^2, gradient (2/m) sum_i r_i sym(A_i) U.
 * Each accepted step is safeguarded: along the step direction D the predictions are the
 * quadratic pred - eta q + eta^2 s, so trial step sizes cost O(m) and a loss increase or a
 * non-finite value is rejected (eta halves) before the factor moves. After three accepted steps in
 * a row eta grows by half, up to a cap from the operator's estimated scale.
 *
 * <p>The preconditioned method also takes Polak-Ribiere conjugate directions; while the rank is
 * still being looked for its damping is at least 0.3 ||X*||_est (a GD-like step that keeps the
 * small-initialization bias), afterwards lambda = sqrt(2 f / s) ~ ||U U^T - X*||_F and the step is
 * the exact minimizer of the quartic f(U - eta D), still checked by the safeguard.
 *
 * <p>Over-parameterize to find the rank, then stop paying for it: once the eigenvalues of U^T U
 * separate (signal above, the rest near the initialization scale) the factor is truncated to the
 * detected rank plus a margin.
 *
 * <p>Loss: least squares by default; a robust {@link Loss} reweighs the residuals every step
 * (trimmed or reweighted least squares, see {@link ResidualWeights}), so the same step, safeguard
 * and exact line search serve it. Noise-aware stopping: with a holdout share, rows of the window
 * (a fixed hash of their stream position) are left out of the fit, and refining stops, back at
 * the best iterate, once their residual has not improved for {@link ValidationWatch#PATIENCE} steps: with noise,
 * over-parameterized GD fits the signal first and the noise afterwards. Fresh data resumes it.
 *
 * <p>One owner thread. Workspaces are allocated at construction; an iteration allocates nothing
 * (the rank check every few steps uses Commons Math and does).
 */
public final class FactorSolver implements WindowSolver {

    private static final int RANK_CHECK_EVERY = 5;
    private static final int STALL_WINDOW = 200;
    /** Relative residual below which spare columns that stayed below the gap are dropped. */
    private static final double DROP_MARGIN_RESIDUAL = 1e-4;
    /** Re-widenings allowed per start: on noisy data a full-width fit must not oscillate. */
    private static final int MAX_WIDENINGS = 3;
    /**
     * Initialization scales below this are small starts, whose common (trace) direction centring
     * holds back; from a large start there is no such bias to protect and centring only slows it.
     */
    private static final double SMALL_START = 0.1;

    private final SymmetricSensing sensing;
    private final SolverOptions options;
    private final LongSupplier nanoClock;
    private final int d;
    private final int maxWidth;
    private final FactorState state;
    private final double[] g;
    private final double[] dir;
    private final double[] gram;
    private final double[] mu;
    private final double[] muWork;
    private final Gemm gemm = Kernels.best();
    private final double[] pred;
    private final double[] q;
    private final double[] s;
    private final double[] resid;
    private final StepLoss.Backtrack search = new StepLoss.Backtrack();
    private final double[] centred;
    private final ResidualWeights weights;
    private final double[] best;
    private final ValidationWatch validation = new ValidationWatch(new ValidationWatch.Snapshots() {
        @Override
        public void save() {
            System.arraycopy(state.u, 0, best, 0, d * state.k);
        }

        @Override
        public void restore() {
            System.arraycopy(best, 0, state.u, 0, d * state.k);
            refreshPredictions();
        }
    });
    private final double[] previousGradient;
    private final double[] previousPreconditioned;
    private final double[] previousDirection;
    private boolean conjugate;

    private long seenAdded = -1;
    private double loss = Double.NaN;
    private double valueNorm2;
    private double valueRms;
    private int acceptRun;
    private int sinceRankCheck;
    private int lastRank = -1;
    private double lossAtCheck = Double.POSITIVE_INFINITY;
    private int widenings;
    private double stallReference = Double.POSITIVE_INFINITY;
    private int sinceStallCheck;

    /**
     * @param nanoClock time source for wall-clock budgets (tests inject their own)
     */
    public FactorSolver(SymmetricSensing sensing, SolverOptions options, LongSupplier nanoClock) {
        this.sensing = sensing;
        this.options = options;
        this.nanoClock = nanoClock;
        this.d = sensing.dimension();
        this.maxWidth = options.rankBound() == 0 ? d : Math.min(options.rankBound(), d);
        this.state = new FactorState(d, maxWidth, options.seed());
        int cap = sensing.capacity();
        this.g = new double[d * maxWidth];
        this.dir = new double[d * maxWidth];
        this.gram = new double[maxWidth * maxWidth];
        this.mu = new double[maxWidth];
        this.muWork = new double[maxWidth];
        this.pred = new double[cap];
        this.q = new double[cap];
        this.s = new double[cap];
        this.resid = new double[cap];
        this.centred = new double[cap];
        this.weights = new ResidualWeights(options.loss(), options.holdout(), cap);
        this.best = new double[d * maxWidth];
        this.previousGradient = new double[d * maxWidth];
        this.previousPreconditioned = new double[d * maxWidth];
        this.previousDirection = new double[d * maxWidth];
    }

    public FactorSolver(SymmetricSensing sensing, SolverOptions options) {
        this(sensing, options, System::nanoTime);
    }

    public SymmetricSensing sensing() {
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

    /** A copy of the factor U, d x k row-major (k = {@link #width()}). */
    public double[] factor() {
        return Arrays.copyOf(state.u, d * state.k);
    }

    /**
     * Refines the factor with at most maxIterations accepted steps and at most maxNanos of wall time,
     * warm-starting from the current factor.
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
                resetFactor();
                return new RefineResult(RefineResult.Status.RESET, done, relativeResidual());
            }
            if (outcome == StepOutcome.STALLED || stalled()) {
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
     * Relative RMS residual sqrt(sum w_i r_i^2 / sum w_i y_i^2) on the rows the loss fits (all of
     * them under l2 without holdout) at the current factor.
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
        return heldOutResidual();
    }

    private double heldOutResidual() {
        return weights.heldOutResidual(resid, sensing.values(), sensing.size());
    }

    /** The current estimate, from the eigen-decomposition of the k x k matrix U^T U. */
    public Estimate estimate() {
        double residual = relativeResidual();
        Spectrum spectrum = Spectrum.of(state.u, d, state.k);
        double floor = noiseFloor(residual, spectrum.values());
        int rank = spectrum.size() == 0 ? 0 : RankDetector.reportedRank(spectrum.values(), state.k, state.initScale(), floor);
        if (rank > 0 && state.shrunk && sensing.growthIsSignal()) {
            rank = Math.max(rank, RankDetector.grownCount(spectrum.values(), spectrum.size(), state.initScale(), floor));
        }
        double[][] vectors = spectrum.eigenvectorsOfProduct(state.u, d, state.k, rank);
        return new Estimate(d, rank, Arrays.copyOf(spectrum.values(), rank), vectors, residual,
                sensing.size(), state.iterations, state.k, state.resets, options.loss(),
                weights.outliers(resid, sensing.size()), weights.suspects(resid, sensing), heldOutResidual());
    }

    /** The eigenvalue a direction fitted to noise reaches: relative residual times ||X_hat||_F. */
    private static double noiseFloor(double residual, double[] values) {
        return Double.isFinite(residual) ? residual * Math.sqrt(SmallDense.sumOfSquares(values, values.length)) : 0.0;
    }

    /** The solver's state (factor, step size, counters, random state) as bytes. */
    @Override
    public byte[] checkpoint() {
        return state.toBytes();
    }

    /**
     * Restores state written by {@link #checkpoint()} of a solver for the same dimension and width.
     *
     * @throws IllegalArgumentException when the bytes are not a checkpoint of a matching solver
     */
    @Override
    public void restore(byte[] bytes) {
        state.readFrom(bytes);
        seenAdded = -1;
        acceptRun = 0;
        lastRank = -1;
        stallReference = Double.POSITIVE_INFINITY;
        validation.reset();
    }

    private enum StepOutcome { ACCEPTED, STALLED, DIVERGED }

    /** Calibrates on first use and brings predictions up to date with the window. */
    private void prepare() {
        if (!state.calibrated()) {
            calibrate();
            state.initialize(options.alpha());
            state.setStep(initialEta());
        } else if (seenAdded != sensing.added() && sensing.size() >= 2 * state.calibratedSize) {
            // The window has grown a lot since the operator's scale was estimated: estimate it again.
            calibrate();
            state.setStep(Math.min(state.eta, maxEta()));
        }
        if (seenAdded != sensing.added()) {
            refreshPredictions();
        }
    }

    private void refreshPredictions() {
        int m = sensing.size();
        sensing.predict(state.u, state.k, pred);
        double[] y = sensing.values();
        for (int i = 0; i < m; i++) {
            resid[i] = pred[i] - y[i];
        }
        valueRms = Math.sqrt(SmallDense.sumOfSquares(y, m) / m);
        reweigh();
        seenAdded = sensing.added();
        conjugate = false;
        stallReference = Double.POSITIVE_INFINITY;
        sinceStallCheck = 0;
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
     * After an accepted step: noise-aware stopping ({@link ValidationWatch}), counted only once the
     * signal has been found, so the plateau of a small start does not count.
     */
    private boolean validationStop() {
        return weights.validationRows() > 0
                && validation.afterStep(heldOutResidual(), state.shrunk || relativeResidual() <= 0.5, sensing.added());
    }

    /**
     * Estimates the operator's scale s = (1/m) sum &lt;A_i, v v^T&gt;^2 along the leading direction v of
     * sum y_i sym(A_i) (a few power iterations), and ||X*||_F ~ sqrt(mean(y^2) / s).
     */
    private void calibrate() {
        int m = sensing.size();
        double[] y = centred;
        // At U = 0 the residuals are -y: the rows that train and that the loss does not reject.
        double[] values = sensing.values();
        valueRms = Math.sqrt(SmallDense.sumOfSquares(values, m) / m);
        weights.update(values, sensing.tickets(), m, 1e-13 * valueRms);
        for (int i = 0; i < m; i++) {
            y[i] = weights.train[i] * values[i];
        }
        double[] v = dir;
        for (int i = 0; i < d; i++) {
            v[i] = state.rng.normal();
        }
        normalize(v);
        for (int it = 0; it < 12; it++) {
            sensing.predict(v, 1, pred);
            sensing.gradient(y, v, 1, g);
            if (normalize(g) == 0.0) {
                break;
            }
            System.arraycopy(g, 0, v, 0, d);
        }
        sensing.predict(v, 1, pred);
        double sOp = weights.trainSquares(pred, m) / weights.trainRows();
        double meanY2 = SmallDense.sumOfSquares(y, m) / weights.trainRows();
        if (!(sOp > 0) || !Double.isFinite(sOp)) {
            sOp = 1.0;
        }
        double scale = Math.sqrt(meanY2 / sOp);
        state.calibrate(sOp, scale > 0 && Double.isFinite(scale) ? scale : Double.MIN_NORMAL, m);
        seenAdded = -1;
    }

    private double initialEta() {
        if (!Double.isNaN(options.eta())) {
            return options.eta();
        }
        return options.method() == Method.GD
                ? 1.0 / (6.0 * state.operatorScale * state.dataScale)
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
        int n = d * k;
        if (weights.reweighs()) {
            reweigh();
        }
        int rows = weights.trainRows();
        boolean centre = exploring() && sensing.centredWhileExploring() && options.alpha() < SMALL_START;
        double slope = direction(centre, m, k, n);
        if (centre && slope <= 0) {
            // The centred direction need not descend on the loss itself: take the plain one.
            conjugate = false;
            slope = direction(false, m, k, n);
        }
        if (Double.isNaN(slope)) {
            return StepOutcome.DIVERGED;
        }
        if (!(slope > 0)) {
            return StepOutcome.STALLED;
        }
        double[] w = weights.train;
        double eta = refining() ? StepLoss.firstMinimizer(resid, q, s, w, m, rows, slope, state.eta, 16.0 * maxEta())
                : state.eta;
        search.run(resid, q, s, w, m, rows, loss, slope, eta);
        state.rejected += search.halvings;
        if (search.halvings > 0) {
            acceptRun = 0;
        }
        if (search.diverged) {
            return StepOutcome.DIVERGED;
        }
        if (search.accepted) {
            accept(search.eta, search.trial, m, n);
            return StepOutcome.ACCEPTED;
        }
        state.eta = search.eta;
        return StepOutcome.STALLED;
    }

    /**
     * dir &lt;- the step direction (gradient, preconditioned and conjugated for precond), q and s its
     * images; returns the loss's slope along it, NaN when the preconditioner cannot be factored.
     *
     * @param centre use the gradient of the loss of the centred residuals r - mean(r): the seed
     *               paper's A_i - mean(A), y_i - mean(y), which drops the common (trace) direction
     *               that would grow every column of a small start alike
     */
    private double direction(boolean centre, int m, int k, int n) {
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
            centred[i] = w[i] * (resid[i] - mean);
        }
        int rows = weights.trainRows();
        sensing.gradient(centred, state.u, k, g);
        double scale = 2.0 / rows;
        for (int i = 0; i < n; i++) {
            g[i] *= scale;
        }
        System.arraycopy(g, 0, dir, 0, n);
        if (options.method() == Method.PRECOND) {
            if (!precondition(k)) {
                return Double.NaN;
            }
            conjugate(n);
        }
        sensing.direction(state.u, dir, k, q, s);
        return StepLoss.slope(resid, q, w, m, rows);
    }

    /**
     * Whether the step may be the exact minimizer along the direction: once the factor has been
     * truncated to the detected rank there is no spare width for a long step to fill with
     * non-signal directions, so the small-initialization bias no longer needs short steps.
     */
    private boolean refining() {
        return options.method() == Method.PRECOND && !exploring() && Double.isNaN(options.eta());
    }

    /** Still looking for the rank: shrinking is on and the factor has not been truncated yet. */
    private boolean exploring() {
        return options.shrink() && !state.shrunk;
    }

    /**
     * Preconditioned nonlinear conjugate gradient (Polak-Ribiere+): dir &lt;- P^{-1} g + beta D_prev.
     * It removes the few stiff directions (for rank-one sensing, the trace direction) that make
     * the plain preconditioned step zig-zag. Restarts (beta = 0) when the result is not a descent
     * direction or after the factor or the window changed.
     */
    private void conjugate(int n) {
        double beta = 0.0;
        if (conjugate) {
            double num = 0.0;
            double den = 0.0;
            for (int i = 0; i < n; i++) {
                num += g[i] * (dir[i] - previousPreconditioned[i]);
                den += previousGradient[i] * previousPreconditioned[i];
            }
            beta = den > 0 ? Math.max(0.0, num / den) : 0.0;
        }
        System.arraycopy(g, 0, previousGradient, 0, n);
        System.arraycopy(dir, 0, previousPreconditioned, 0, n);
        if (beta > 0) {
            double descent = 0.0;
            for (int i = 0; i < n; i++) {
                double v = dir[i] + beta * previousDirection[i];
                descent += g[i] * v;
            }
            if (descent > 0) {
                for (int i = 0; i < n; i++) {
                    dir[i] += beta * previousDirection[i];
                }
            }
        }
        System.arraycopy(dir, 0, previousDirection, 0, n);
        conjugate = true;
    }

    /** dir &lt;- dir (U^T U + lambda I)^{-1}; false when the system cannot be factored. */
    private boolean precondition(int k) {
        gram(k);
        double trace = 0.0;
        for (int a = 0; a < k; a++) {
            trace += gram[a * k + a];
        }
        double lambda = Double.isNaN(options.lambda())
                ? Math.sqrt(2.0 * loss / state.operatorScale)
                : options.lambda();
        if (exploring()) {
            // Before the rank is found, damping at the data scale keeps the step GD-like: a small
            // lambda would speed up the directions still at the initialization scale and undo the
            // small-initialization bias.
            lambda = Math.max(lambda, 0.3 * state.dataScale);
        }
        lambda = Math.max(lambda, 1e-13 * trace / k);
        for (int attempt = 0; attempt < 8; attempt++) {
            for (int a = 0; a < k; a++) {
                gram[a * k + a] += lambda;
            }
            if (SmallDense.cholesky(gram, k)) {
                solve(k);
                return true;
            }
            gram(k);
            lambda = Math.max(lambda * 100.0, Double.MIN_NORMAL);
        }
        return false;
    }

    /** Width from which the k x k work goes through the matrix kernel instead of row-by-row loops. */
    private static final int WIDE = 32;

    private void gram(int k) {
        if (k >= WIDE) {
            gemm.multiplyTransposeA(state.u, d, k, state.u, k, gram);
        } else {
            SmallDense.gram(state.u, d, k, gram);
        }
    }

    /**
     * dir &lt;- dir (L L^T)^{-1} by triangular solves: through the matrix kernel for wide factors,
     * row by row for narrow ones (a native call costs more than the work there).
     */
    private void solve(int k) {
        if (k >= WIDE) {
            gemm.solveRightCholesky(dir, d, k, gram);
        } else {
            SmallDense.solveRight(dir, d, k, gram);
        }
    }

    private void accept(double eta, double trial, int m, int n) {
        double[] u = state.u;
        for (int i = 0; i < n; i++) {
            u[i] -= eta * dir[i];
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

    /** True when the loss has not fallen measurably over the last STALL_WINDOW steps. */
    private boolean stalled() {
        if (++sinceStallCheck < STALL_WINDOW) {
            return false;
        }
        sinceStallCheck = 0;
        boolean flat = loss > (1.0 - 1e-6) * stallReference;
        stallReference = loss;
        return flat;
    }

    /**
     * Over-parameterize to find the rank, then stop paying for it. Once the spectrum of U^T U has
     * separated (the same rank at two checks in a row), the factor is truncated to the detected
     * rank plus a margin; once the fit is close, margin columns still below the gap are dropped too
     * (spare columns overfit entry samples). If every column turns out to carry signal while the
     * loss no longer falls, the truncation was too early: columns are added back.
     */
    private void adaptWidth() {
        if (!options.shrink() || ++sinceRankCheck < RANK_CHECK_EVERY) {
            return;
        }
        sinceRankCheck = 0;
        if (!state.shrunk && relativeResidual() > 0.5) {
            // Nothing has been fitted yet, so nothing can have separated: skip the k x k eigenproblem.
            return;
        }
        int k = state.k;
        if (!eigenvaluesOfGram(k)) {
            return;
        }
        int rank = RankDetector.separatedRank(mu, k, state.initScale());
        if (state.shrunk && rank > 0 && sensing.growthIsSignal()) {
            // Once truncated, every value that has clearly grown is signal, whatever the gaps say.
            rank = Math.max(rank, RankDetector.grownCount(mu, k, state.initScale(), noiseFloor(relativeResidual(), mu)));
        }
        boolean slow = loss > 0.5 * lossAtCheck;
        lossAtCheck = loss;
        boolean stable = rank > 0 && rank == lastRank;
        lastRank = rank;
        if (rank > 0 && !stable) {
            // A first sighting of a separation: confirm it at the next step rather than five later.
            sinceRankCheck = RANK_CHECK_EVERY - 1;
        }
        int target = k;
        if (stable && !state.shrunk) {
            target = rank + options.margin();
        } else if (stable && relativeResidual() <= DROP_MARGIN_RESIDUAL) {
            target = rank;
        }
        if (target < k) {
            projectOntoTop(k, target);
            state.resize(target, g);
            refreshPredictions();
        } else if (rank < 0 && state.shrunk && slow && k < maxWidth && widenings < MAX_WIDENINGS
                && relativeResidual() > DROP_MARGIN_RESIDUAL
                && mu[k - 1] >= RankDetector.GROWTH * state.initScale()) {
            widenings++;
            state.widen(Math.min(maxWidth, k + Math.max(1, options.margin())));
            refreshPredictions();
        }
    }

    /**
     * g &lt;- U Q_target, the factor restricted to the top target eigenvectors of U^T U (d x target):
     * it keeps the top of U U^T and drops the rest. Overwrites gram and mu.
     */
    private void projectOntoTop(int k, int target) {
        gram(k);
        if (!SymmetricEigenvalues.decompose(gram, k, mu, muWork)) {
            Spectrum.of(state.u, d, k).project(state.u, d, k, target, g);
            return;
        }
        double[] u = state.u;
        for (int i = 0; i < d; i++) {
            int ri = i * k;
            for (int c = 0; c < target; c++) {
                double sum = 0.0;
                for (int a = 0; a < k; a++) {
                    sum += u[ri + a] * gram[a * k + c];
                }
                g[i * target + c] = sum;
            }
        }
    }

    /**
     * mu &lt;- eigenvalues of U^T U, descending, clamped at 0 (values only: the rank check runs every
     * few steps at full width, where a full decomposition would cost more than the step).
     * Overwrites gram, which the next step recomputes.
     */
    private boolean eigenvaluesOfGram(int k) {
        gram(k);
        if (!SymmetricEigenvalues.compute(gram, k, mu, muWork)) {
            return false;
        }
        for (int j = 0; j < k; j++) {
            mu[j] = Math.max(0.0, mu[j]);
        }
        return true;
    }

    private void resetFactor() {
        state.resets++;
        widenings = 0;
        validation.reset();
        state.initialize(options.alpha());
        state.setStep(initialEta() * 0.25);
        seenAdded = -1;
        lastRank = -1;
        acceptRun = 0;
        refreshPredictions();
    }

    private double normalize(double[] v) {
        double norm = Math.sqrt(SmallDense.sumOfSquares(v, d));
        if (norm > 0 && Double.isFinite(norm)) {
            for (int i = 0; i < d; i++) {
                v[i] /= norm;
            }
            return norm;
        }
        return 0.0;
    }
}
