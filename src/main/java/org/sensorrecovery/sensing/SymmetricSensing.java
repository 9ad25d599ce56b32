package org.sensorrecovery.sensing;

/**
 * A window of measurements y_i = &lt;A_i, X&gt; of a symmetric d x d matrix X = U U^T, and the
 * operations factorized gradient descent needs on it. Factors are flat row-major d x k arrays.
 * Implementations keep their workspaces: after construction nothing allocates.
 *
 * <p>Call protocol per iteration: {@link #predict} at U (or {@link #moveAlong} after a line
 * search), then {@link #gradient} at that U, then {@link #direction} for the step D, then
 * {@link #moveAlong} once a step size is accepted.
 */
public interface SymmetricSensing extends WindowRows {

    Kind kind();

    /** The matrix dimension d. */
    int dimension();

    /**
     * Validates m against this array and adds it, overwriting the oldest once full.
     *
     * @throws InvalidMeasurementException naming the field; the window is then unchanged
     */
    void add(Measurement m);

    /** Checks m against this array without adding it. */
    void validate(Measurement m);

    void clear();

    /**
     * pred_i = &lt;A_i, U U^T&gt; for i &lt; size. Remembers U's image for {@link #gradient}.
     *
     * @param u d x k factor
     * @param pred at least size. Overwritten.
     */
    void predict(double[] u, int k, double[] pred);

    /**
     * g = sum_i w_i sym(A_i) U, for the U of the last {@link #predict} or {@link #moveAlong}.
     *
     * @param w weights, one per measurement
     * @param g d x k. Overwritten.
     */
    void gradient(double[] w, double[] u, int k, double[] g);

    /**
     * The images of a step direction D at the current U: q_i = &lt;A_i, U D^T + D U^T&gt; and
     * s_i = &lt;A_i, D D^T&gt;, so that &lt;A_i, (U - eta D)(U - eta D)^T&gt; = pred_i - eta q_i + eta^2 s_i.
     *
     * @param dir d x k step direction
     * @param q at least size. Overwritten.
     * @param s at least size. Overwritten.
     */
    void direction(double[] u, double[] dir, int k, double[] q, double[] s);

    /** Records that the factor moved to U - eta D (D from the last {@link #direction}). */
    void moveAlong(double eta, int k);

    /**
     * Whether the solver should centre the residuals while it looks for the rank: true where the
     * measurement matrices share a large common part (rank-one a a^T, mean about I), whose
     * direction would otherwise grow every column of a small start alike.
     */
    default boolean centredWhileExploring() {
        return false;
    }

    /**
     * Whether a direction of the factor that has clearly grown is signal: true where every
     * direction of U U^T shows in the measurements. Entry samples leave most of X unobserved, and a
     * spare column can grow there while fitting the samples (the solver then drops it).
     */
    default boolean growthIsSignal() {
        return true;
    }
}
