package org.sensorrecovery.sensing;

/**
 * A window of measurements y_i = &lt;A_i, X&gt; of a rectangular rows x cols matrix X = U V^T
 * (U rows x k, V cols x k, flat row-major). The seam for the two-factor solver
 * (Soltanolkotabi, Stoger &amp; Xie 2023). Implementations keep their workspaces: after
 * construction nothing allocates.
 *
 * <p>Call protocol per iteration, as for {@link SymmetricSensing}: {@link #predict} at (U, V) (or
 * {@link #moveAlong} after a line search), then {@link #gradient}, then {@link #direction} for the
 * step (DU, DV), then {@link #moveAlong} once a step size is accepted.
 */
public interface TwoFactorSensing extends WindowRows {

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
     * last {@link #predict} or {@link #moveAlong}. Both overwritten.
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
     * Whether spare factor columns can fit the window without fitting X*: true for entry samples,
     * where a rank-one change e_i b^T supported on the unsampled entries of row i is invisible to
     * the window. Beyond the rank the model is then not identifiable (no PSD structure protects it,
     * as it does U U^T), so the solver keeps no margin columns once the rank is known.
     */
    default boolean spareColumnsOverfit() {
        return false;
    }
}
