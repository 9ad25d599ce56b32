package org.sensorrecovery.solver;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.sensing.FactorSensing;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.sensing.Sensings;
import org.sensorrecovery.sensing.SymmetricSensing;

/**
 * Recovers a low-rank X = U V^T (U rows x k, V cols x k) from a window of measurements by factored
 * gradient descent from a small random start (Li, Ma &amp; Zhang 2018; Soltanolkotabi, Stoger &amp;
 * Xie 2023), preconditioned by default (PrecGD, Zhang, Fattahi &amp; Zhang 2021). A PSD X = U U^T
 * is the same problem with the factors tied (V = U, one array). The loop takes safeguarded steps
 * ({@link FactorStep}) on scales read from the window ({@link Calibration}), finds the width
 * ({@link WidthControl}), weighs residuals by the loss ({@link ResidualWeights}) and stops on a
 * held-out share ({@link ValidationWatch}); no balancing term: a small balanced start stays balanced
 * (Du, Hu &amp; Lee 2018). One owner thread; an iteration allocates nothing.
 *
 * @param <E> the estimate: {@link Estimate} (eigenvalues) when tied, {@link SvdEstimate} otherwise
 */
public final class FactoredSolver<E> {

    /** How the SVD of U V^T and the rank read from it become the estimate. */
    interface Readout<T> {
        T read(FactoredSolver<T> solver, FactorSvd svd, int rank, double residual);
    }

    final FactorSensing sensing;
    private final Readout<E> readout;
    final SolverOptions options;
    private final LongSupplier nanoClock;
    final Factors state;
    final WidthControl width;
    final FactorCores cores;
    final FactorStep step;
    /** Predictions, residuals, weights and loss at the current factors. */
    final ResidualWeights fit;
    private final ValidationWatch validation;
    private long seenAdded = -1;

    private FactoredSolver(FactorSensing sensing, boolean tied, SolverOptions options, LongSupplier nanoClock,
                           Readout<E> readout) {
        this.sensing = sensing;
        this.options = options;
        this.nanoClock = nanoClock;
        this.readout = readout;
        int maxWidth = maxWidth(options, sensing.rows(), sensing.cols());
        this.state = new Factors(sensing.rows(), sensing.cols(), tied, maxWidth, options.seed());
        this.cores = new FactorCores(maxWidth, Kernels.best());
        this.fit = new ResidualWeights(options.loss(), options.holdout(), sensing.allocatedRows());
        this.validation = new ValidationWatch(state, this::refreshPredictions);
        this.width = new WidthControl(this);
        this.step = new FactorStep(this, sensing.allocatedRows());
    }

    /** The options' rank bound, or min(rows, cols) without one. */
    private static int maxWidth(SolverOptions options, int rows, int cols) {
        int full = Math.min(rows, cols);
        return options.rankBound() == 0 ? full : Math.min(options.rankBound(), full);
    }

    /** The symmetric solver: X = U U^T, the factors tied; nanoClock times refining (tests inject their own). */
    public static FactoredSolver<Estimate> symmetric(SymmetricSensing sensing, SolverOptions options,
                                                     LongSupplier nanoClock) {
        return new FactoredSolver<>(sensing, true, options, nanoClock, Estimate::of);
    }

    public static FactoredSolver<Estimate> symmetric(SymmetricSensing sensing, SolverOptions options) {
        return symmetric(sensing, options, System::nanoTime);
    }

    /** The rectangular solver: X = U V^T, two factors of width up to min(rows, cols). */
    public static FactoredSolver<SvdEstimate> rectangular(FactorSensing sensing, SolverOptions options) {
        return new FactoredSolver<>(sensing, false, options, System::nanoTime, SvdEstimate::of);
    }

    /** The solver for an array: tied when symmetric (rows = cols = d); its window holds capacity measurements. */
    public static FactoredSolver<?> forArray(Kind kind, int rows, int cols, boolean rectangular, int capacity,
                                             SolverOptions options) {
        int width = maxWidth(options, rows, cols);
        return rectangular ? rectangular(Sensings.twoFactor(kind, rows, cols, capacity, width, Kernels.best()), options)
                : symmetric(Sensings.symmetric(kind, rows, capacity, width, Kernels.best()), options);
    }

    public FactorSensing sensing() {
        return sensing;
    }

    /** Adds a measurement from an anonymous device to the window. */
    public void add(Measurement m) {
        add(m, "");
    }

    /** Adds a device's measurement (robust losses name faulty devices); an invalid one changes nothing. */
    public void add(Measurement m, String device) {
        sensing.add(m, device);
        int rows = sensing.allocatedRows();
        if (rows > fit.pred.length) {
            // The window's arrays grew with the data: the per-row workspaces follow.
            fit.resizeRows(rows);
            step.resizeRows(rows);
        }
    }

    /** Accepted steps so far. */
    public long iterations() {
        return state.iterations;
    }

    /** Current factor width k. */
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

    /** The current estimate, from the SVD of U V^T (tied, U U^T is PSD: the eigen-decomposition). */
    public E estimate() {
        double residual = relativeResidual();
        FactorSvd svd = FactorSvd.of(state.u, state.rows, state.v, state.cols, state.k);
        return readout.read(this, svd, svd.reportedRank(state, residual, sensing.growthIsSignal()), residual);
    }

    /** Refines with an iteration budget only. */
    public RefineResult refine(int maxIterations) {
        return refine(maxIterations, Long.MAX_VALUE);
    }

    /** Refines, warm-started, with at most maxIterations accepted steps and maxNanos of wall time. */
    public RefineResult refine(int maxIterations, long maxNanos) {
        long start = nanoClock.getAsLong();
        if (!prepare()) {
            return new RefineResult(RefineResult.Status.EMPTY, 0, Double.NaN);
        }
        if (validation.stopped()) {
            return new RefineResult(RefineResult.Status.VALIDATED, 0, relativeResidual());
        }
        int done = 0;
        while (true) {
            double rel = relativeResidual();
            if (rel <= options.tolerance() && !(width.interpolates() && width.restartAtIdentifiedWidth())) {
                return new RefineResult(RefineResult.Status.CONVERGED, done, rel);
            }
            if (done >= maxIterations || nanoClock.getAsLong() - start >= maxNanos) {
                return new RefineResult(RefineResult.Status.BUDGET, done, rel);
            }
            FactorStep.Outcome outcome = step.take();
            if (outcome == FactorStep.Outcome.DIVERGED) {
                // A new small start with a quarter of the initial step.
                state.resets++;
                restartSmall();
                state.eta = step.initialEta() * 0.25;
                return new RefineResult(RefineResult.Status.RESET, done, relativeResidual());
            }
            boolean handedOver = outcome == FactorStep.Outcome.STALLED && step.leaveCentring();
            if (outcome == FactorStep.Outcome.STALLED && !handedOver && !width.restartAtIdentifiedWidth()) {
                return new RefineResult(RefineResult.Status.STALLED, done, relativeResidual());
            }
            done++;
            // Noise-aware stopping counts only once the signal has been found: not the plateau of a small start.
            if (fit.validationRows() > 0
                    && validation.afterStep(fit.heldOutResidual(sensing), state.shrunk || relativeResidual() <= 0.5)) {
                handedOver |= step.leaveCentring();
                if (!handedOver) {
                    return new RefineResult(RefineResult.Status.VALIDATED, done, relativeResidual());
                }
            }
            if (handedOver) {
                // The plain gradient gets a full held-out patience, from the factors it starts on.
                validation.resume(fit.heldOutResidual(sensing));
            }
            width.adapt();
        }
    }

    /**
     * The {@code solve} command's batch run: chunks of at most chunk iterations until it converges,
     * stalls or spends maxIterations (a reset starts over within it), progress told after each.
     */
    public RefineResult solve(int maxIterations, int chunk, Consumer<RefineResult> progress) {
        int done = 0;
        RefineResult result;
        do {
            result = refine(Math.min(chunk, maxIterations - done));
            done += result.iterations();
            progress.accept(result);
        } while (result.status() == RefineResult.Status.BUDGET && done < maxIterations
                || result.status() == RefineResult.Status.RESET);
        return result;
    }

    /** Relative RMS residual sqrt(sum w_i r_i^2 / sum w_i y_i^2) on the rows the loss fits. */
    public double relativeResidual() {
        return prepare() ? fit.relativeResidual() : Double.NaN;
    }

    /** Relative RMS residual on the held-out rows; NaN when nothing is held out. */
    public double validationResidual() {
        return prepare() ? fit.heldOutResidual(sensing) : Double.NaN;
    }

    /** Where the run stands, for a diagnosis: width and its control, step size, counters, window, fit. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "width %d of %d (%s; cap %d, started at %d; %s), eta %.3g, %d iterations,"
                        + " %d resets, window %d, relative residual %.3g%s", state.k, state.maxWidth,
                state.shrunk ? "truncated" : "exploring", state.widthCap, state.startCap, width, state.eta,
                state.iterations, state.resets, sensing.size(), fit.relativeResidual(),
                validation.stopped() ? ", stopped on the held-out rows" : "");
    }

    /** The solver's state as bytes. */
    public byte[] checkpoint() {
        return state.toBytes();
    }

    /** Restores a {@link #checkpoint()} of a solver of the same shape and width; IllegalArgumentException otherwise. */
    public void restore(byte[] bytes) {
        state.readFrom(bytes);
        forgetRun();
    }

    /** Calibrates on first use and brings predictions up to date with the window; false when it is empty. */
    private boolean prepare() {
        if (sensing.size() == 0) {
            return false;
        }
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
        return true;
    }

    /** Predictions and residuals afresh at the current factors (after the window or the factors changed). */
    void refreshPredictions() {
        fit.refresh(sensing, state);
        seenAdded = sensing.added();
        step.restart();
        validation.rebaseline(fit.heldOutResidual(sensing));
    }

    /** Still looking for the rank: shrinking is on and the factors have not been truncated yet. */
    boolean exploring() {
        return options.shrink() && !state.shrunk;
    }

    /** A new small start at the width cap. */
    void restartSmall() {
        forgetRun();
        state.initialize(options.alpha());
        state.eta = step.initialEta();
        refreshPredictions();
    }

    /** New factors (a new start or a restored state): nothing the run saw so far applies to them. */
    private void forgetRun() {
        seenAdded = -1;
        step.resetRun();
        width.reset();
        validation.reset();
    }
}
