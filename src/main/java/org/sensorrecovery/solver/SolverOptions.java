package org.sensorrecovery.solver;

/**
 * Solver settings, validated at construction. NaN means "chosen automatically" for eta and lambda.
 *
 * @param method update rule; {@link Method#PRECOND} by default
 * @param rankBound factor width k; 0 means k = d (fully over-parameterized, no rank needed)
 * @param alpha initialization scale relative to the data: U_0 = alpha sqrt(||X*||_est) N(0, 1/d)
 * @param eta fixed step size, or NaN for the automatic safeguarded step
 * @param lambda fixed damping of the preconditioner, or NaN to tie it to the loss
 * @param tolerance relative RMS residual at which refining stops
 * @param shrink truncate the factor to the detected rank plus a margin once the spectrum separates
 * @param seed seed of the random initialization
 * @param loss what the fit minimizes; {@link Loss#L2} by default
 * @param holdout share of the window held out to stop refining when the held-out residual stops
 *                improving (noise-aware early stopping); 0 turns validation off
 */
public record SolverOptions(Method method, int rankBound, double alpha, double eta, double lambda,
                            double tolerance, boolean shrink, long seed, Loss loss, double holdout) {

    /** The most of the window that may be held out. */
    public static final double MAX_HOLDOUT = 0.5;

    public SolverOptions {
        require(method != null, "method", "must be gd or precond");
        require(rankBound >= 0, "rankBound", "must be 0 (k = d) or positive, got " + rankBound);
        require(alpha > 0 && Double.isFinite(alpha), "alpha", "must be a positive number, got " + alpha);
        require(Double.isNaN(eta) || (eta > 0 && Double.isFinite(eta)), "eta", "must be positive, got " + eta);
        require(Double.isNaN(lambda) || (lambda >= 0 && Double.isFinite(lambda)), "lambda",
                "must be non-negative, got " + lambda);
        require(tolerance >= 0 && Double.isFinite(tolerance), "tolerance", "must be non-negative, got " + tolerance);
        require(loss != null, "loss", "must be l2, robust, l1 or huber");
        require(holdout >= 0 && holdout <= MAX_HOLDOUT, "holdout", "must be in [0, " + MAX_HOLDOUT + "], got " + holdout);
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + problem);
        }
    }

    /** Precond, k = d, alpha 1e-3, automatic step and damping, tolerance 1e-10, shrink, seed 1, l2, no holdout. */
    public static SolverOptions defaults() {
        return new SolverOptions(Method.PRECOND, 0, 1e-3, Double.NaN, Double.NaN, 1e-10, true, 1L, Loss.L2, 0.0);
    }

    public SolverOptions withMethod(Method m) {
        return new SolverOptions(m, rankBound, alpha, eta, lambda, tolerance, shrink, seed, loss, holdout);
    }

    public SolverOptions withRankBound(int k) {
        return new SolverOptions(method, k, alpha, eta, lambda, tolerance, shrink, seed, loss, holdout);
    }

    public SolverOptions withAlpha(double a) {
        return new SolverOptions(method, rankBound, a, eta, lambda, tolerance, shrink, seed, loss, holdout);
    }

    public SolverOptions withEta(double e) {
        return new SolverOptions(method, rankBound, alpha, e, lambda, tolerance, shrink, seed, loss, holdout);
    }

    public SolverOptions withTolerance(double t) {
        return new SolverOptions(method, rankBound, alpha, eta, lambda, t, shrink, seed, loss, holdout);
    }

    public SolverOptions withShrink(boolean s) {
        return new SolverOptions(method, rankBound, alpha, eta, lambda, tolerance, s, seed, loss, holdout);
    }

    public SolverOptions withSeed(long s) {
        return new SolverOptions(method, rankBound, alpha, eta, lambda, tolerance, shrink, s, loss, holdout);
    }

    public SolverOptions withLoss(Loss l) {
        return new SolverOptions(method, rankBound, alpha, eta, lambda, tolerance, shrink, seed, l, holdout);
    }

    public SolverOptions withHoldout(double h) {
        return new SolverOptions(method, rankBound, alpha, eta, lambda, tolerance, shrink, seed, loss, h);
    }
}
