package org.sensorrecovery.sensing;

/**
 * A window of measurements y_i = &lt;A_i, X&gt; of a symmetric d x d matrix X = U U^T: the
 * {@link FactorSensing} whose factors are tied (V = U), written with one factor. Factors are flat
 * row-major d x k arrays.
 */
public interface SymmetricSensing extends FactorSensing {

    /** The matrix dimension d. */
    default int dimension() {
        return rows();
    }

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
     * s_i = &lt;A_i, D D^T&gt;.
     *
     * @param dir d x k step direction
     */
    void direction(double[] u, double[] dir, int k, double[] q, double[] s);

    /** Tied: v is u. */
    @Override
    default void predict(double[] u, double[] v, int k, double[] pred) {
        predict(u, k, pred);
    }

    /** Tied: gu is gv, and sum_i w_i (A_i + A_i^T) U is twice the symmetric gradient (doubling is exact). */
    @Override
    default void gradient(double[] w, double[] u, double[] v, int k, double[] gu, double[] gv) {
        gradient(w, u, k, gu);
        for (int i = 0, n = dimension() * k; i < n; i++) {
            gu[i] *= 2.0;
        }
    }

    /** Tied: dv is du. */
    @Override
    default void direction(double[] u, double[] v, double[] du, double[] dv, int k, double[] q, double[] s) {
        direction(u, du, k, q, s);
    }
}
