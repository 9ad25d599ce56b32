package org.sensorrecovery.sensing;

/**
 * A window of measurements y_i = &lt;A_i, X&gt; of a rows x cols matrix X = U V^T (U rows x k,
 * V cols x k, flat row-major): the one seam of the factored solver (Soltanolkotabi, Stoger &amp;
 * Xie 2023). A symmetric X = U U^T is the same problem with the factors tied: the solver then
 * passes the same array as u and v (and as gu and gv, du and dv). Implementations keep their
 * workspaces: after construction nothing allocates.
 *
 * <p>Call protocol per iteration: {@link #predict} at (U, V) (or {@link #moveAlong} after a line
 * search), then {@link #gradient}, then {@link #direction} for the step (DU, DV), then
 * {@link #moveAlong} once a step size is accepted.
 */
public interface FactorSensing extends WindowRows {

    Kind kind();

    int rows();

    int cols();

    /**
     * Validates m against this array and adds it, overwriting the oldest once full.
     *
     * @throws InvalidMeasurementException naming the field; the window is then unchanged
     */
    void add(Measurement m);

    void validate(Measurement m);

    void clear();

    /** pred_i = &lt;A_i, U V^T&gt;; remembers the images of U and V for {@link #gradient}. */
    void predict(double[] u, double[] v, int k, double[] pred);

    /**
     * gu = sum_i w_i A_i V (rows x k) and gv = sum_i w_i A_i^T U (cols x k), at the U, V of the
     * last {@link #predict} or {@link #moveAlong}; tied (gu the same array as gv), their sum
     * sum_i w_i (A_i + A_i^T) U, the gradient of sum_i w_i &lt;A_i, U U^T&gt;. Overwritten.
     */
    void gradient(double[] w, double[] u, double[] v, int k, double[] gu, double[] gv);

    /**
     * The images of a step (DU, DV) at the current (U, V): q_i = &lt;A_i, DU V^T + U DV^T&gt; and
     * s_i = &lt;A_i, DU DV^T&gt;, so that &lt;A_i, (U - eta DU)(V - eta DV)^T&gt; = pred_i - eta q_i + eta^2 s_i.
     *
     * @param q at least size. Overwritten.
     * @param s at least size. Overwritten.
     */
    void direction(double[] u, double[] v, double[] du, double[] dv, int k, double[] q, double[] s);

    /** Records that the factors moved to (U - eta DU, V - eta DV), (DU, DV) from the last {@link #direction}. */
    void moveAlong(double eta, int k);

    /**
     * Whether spare factor columns can fit the window without fitting X*: true for entry samples of
     * a rectangular matrix, where a rank-one change e_i b^T supported on the unsampled entries of
     * row i is invisible to the window. Beyond the rank the model is then not identifiable (no PSD
     * structure protects it, as it does U U^T), so the solver keeps no margin columns once the
     * rank is known.
     */
    default boolean spareColumnsOverfit() {
        return false;
    }

    /**
     * Whether the solver should centre the residuals while it looks for the rank: true where the
     * measurement matrices share a large common part (rank-one a a^T, mean about I), whose
     * direction would otherwise grow every column of a small start alike.
     */
    default boolean centredWhileExploring() {
        return false;
    }

    /**
     * Whether a direction of the factors that has clearly grown is signal: true where every
     * direction of X shows in the measurements. Symmetric entry samples leave most of X
     * unobserved, and a spare column can grow there while fitting the samples (the solver then
     * drops it).
     */
    default boolean growthIsSignal() {
        return true;
    }
}
