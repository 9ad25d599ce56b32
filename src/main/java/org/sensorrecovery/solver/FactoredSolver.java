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
 * <p>Loss f = 1/(2m) sum_i (&lt;A_i, U V^T&gt; - y_i)^2. Each step ({@link FactorStep}) is
 * safeguarded along the quartic f(eta); the preconditioned method also takes Polak-Ribiere
 * conjugate directions; while the rank is still being looked for its damping is at least
 * 0.3 ||X*||_est (a GD-like step that keeps the small-initialization bias), afterwards the step is
 * the exact minimizer of f(eta). The scales come from the window ({@link Calibration}).
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

    private static final int STALL_WINDOW = 200;

    final FactorSensing sensing;
    private final Readout<E> readout;
    final SolverOptions options;
    private final LongSupplier nanoClock;
    final Factors state;
    private final WidthControl width;
    final FactorCores cores;
    private final FactorStep step;
    final ResidualWeights weights;
    private final StallWatch stallWatch = new StallWatch(STALL_WINDOW);
    /** Gradient and step direction, U block and V block (the same arrays when tied). */
    final double[] gu;
    final double[] gv;
    final double[] du;
    final double[] dv;
    /** Per row of the window: prediction, residual and weighted residual. */
    /** Per-row workspaces: as many rows as the window's arrays ({@link #growRows}). */
    double[] pred;
    double[] resid;
    double[] weighted;
    private final double[] bestU;
    private final double[] bestV;
    private final ValidationWatch validation;

    private long seenAdded = -1;
    double loss = Double.NaN;
    private double valueNorm2;
    private double valueRms;

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
        int cap = sensing.allocatedRows();
        this.gu = new double[rows * maxWidth];
        this.gv = tied ? gu : new double[cols * maxWidth];
        this.du = new double[rows * maxWidth];
        this.dv = tied ? du : new double[cols * maxWidth];
        this.pred = new double[cap];
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
        this.step = new FactorStep(this, cap);
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

    /**
     * Adds a measurement to the window.
     *
     * @throws org.sensorrecovery.sensing.InvalidMeasurementException naming the field; nothing changes
     */
    public void add(Measurement m) {
        sensing.add(m);
        growRows();
    }

    /** Adds a measurement sent by the named device (the robust loss names faulty devices). */
    @Override
    public void add(Measurement m, String device) {
        sensing.add(m, device);
        growRows();
    }

    /** The window's arrays grew with the data: the per-row workspaces follow (their content is recomputed). */
    private void growRows() {
        int rows = sensing.allocatedRows();
        if (rows > pred.length) {
            pred = java.util.Arrays.copyOf(pred, rows);
            resid = java.util.Arrays.copyOf(resid, rows);
            weighted = new double[rows];
            weights.resizeRows(rows);
            step.resizeRows(rows);
        }
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
            FactorStep.Outcome outcome = step.take();
            if (outcome == FactorStep.Outcome.DIVERGED) {
                resetFactors();
                return new RefineResult(RefineResult.Status.RESET, done, relativeResidual());
            }
            if ((outcome == FactorStep.Outcome.STALLED || stallWatch.stalled(loss)) && !width.narrowAfterFailure()) {
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
        step.resetRun();
        width.reset();
        stallWatch.reset();
        validation.reset();
    }

    /** Calibrates on first use and brings predictions up to date with the window. */
    private void prepare() {
        if (!state.calibrated()) {
            Calibration.calibrate(this);
            seenAdded = -1;
            state.initialize(options.alpha());
            state.eta = step.initialEta();
        } else if (seenAdded != sensing.added() && sensing.size() >= 2 * state.calibratedSize) {
            // The window has grown a lot since the operator's scale was estimated: estimate it again.
            Calibration.calibrate(this);
            seenAdded = -1;
            state.eta = Math.min(state.eta, step.maxEta());
        }
        if (seenAdded != sensing.added()) {
            refreshPredictions();
            width.followWindow();
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
        step.restart();
        stallWatch.reset();
        validation.rebaseline(heldOutResidual());
    }

    /** Weights from the current residuals, then the weighted loss and value norm. */
    void reweigh() {
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

    /** Still looking for the rank: shrinking is on and the factors have not been truncated yet. */
    boolean exploring() {
        return options.shrink() && !state.shrunk;
    }

    /** A new small start at the width cap, with a quarter of the initial step (after a divergence). */
    void resetFactors() {
        state.resets++;
        restartSmall();
        state.eta = step.initialEta() * 0.25;
    }

    /** A new small start at the width cap. */
    void restartSmall() {
        validation.reset();
        width.reset();
        state.initialize(options.alpha());
        state.eta = step.initialEta();
        seenAdded = -1;
        step.resetRun();
        refreshPredictions();
    }


}
