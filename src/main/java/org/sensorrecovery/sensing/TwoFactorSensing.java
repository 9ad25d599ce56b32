package org.sensorrecovery.sensing;

/**
 * A window of measurements y_i = &lt;A_i, X&gt; of a rectangular rows x cols matrix X = U V^T
 * (U rows x k, V cols x k, flat row-major). The seam for the two-factor solver
 * (Soltanolkotabi, Stoger &amp; Xie 2023).
 */
public interface TwoFactorSensing {

    Kind kind();

    int rows();

    int cols();

    int size();

    double[] values();

    void add(Measurement m);

    void validate(Measurement m);

    /** pred_i = &lt;A_i, U V^T&gt;; remembers the images of U and V for {@link #gradient}. */
    void predict(double[] u, double[] v, int k, double[] pred);

    /**
     * gu = sum_i w_i A_i V (rows x k) and gv = sum_i w_i A_i^T U (cols x k), at the U, V of the
     * last {@link #predict}. Both overwritten.
     */
    void gradient(double[] w, double[] u, double[] v, int k, double[] gu, double[] gv);
}
