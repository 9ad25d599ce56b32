package org.sensorrecovery.sensing;

/**
 * The row-wise arithmetic of operators that keep the images of the factors, m x k row-major
 * (P = A U, Q = B V; rank-one: Q = P): predictions, row-scaled images for the gradient, the step's
 * images and the move along it. One copy for the bilinear and the rank-one operator.
 */
final class FactorImages {

    private FactorImages() {
    }

    /** out_i = P_i . Q_i. */
    static void rowDots(double[] p, double[] q, int m, int k, double[] out) {
        for (int i = 0; i < m; i++) {
            int row = i * k;
            double s = 0.0;
            for (int c = 0; c < k; c++) {
                s += p[row + c] * q[row + c];
            }
            out[i] = s;
        }
    }

    /** out = w .* src, row i scaled by w_i. */
    static void scaleRows(double[] w, double[] src, int m, int k, double[] out) {
        for (int i = 0; i < m; i++) {
            int row = i * k;
            for (int c = 0; c < k; c++) {
                out[row + c] = w[i] * src[row + c];
            }
        }
    }

    /**
     * The images of a step with images dp = A DU and dq = B DV: q_i = dp_i . Q_i + P_i . dq_i and
     * s_i = dp_i . dq_i (rank-one: dq = dp, Q = P, so q_i = 2 dp_i . P_i exactly).
     */
    static void step(double[] dp, double[] p, double[] dq, double[] qImage, int m, int k, double[] q, double[] s) {
        for (int i = 0; i < m; i++) {
            int row = i * k;
            double cross = 0.0;
            double sq = 0.0;
            for (int c = 0; c < k; c++) {
                double x = dp[row + c];
                double y = dq[row + c];
                cross += x * qImage[row + c] + p[row + c] * y;
                sq += x * y;
            }
            q[i] = cross;
            s[i] = sq;
        }
    }

    /** image &lt;- image - eta step: a cached image follows an accepted step. */
    static void move(double[] image, double[] step, int n, double eta) {
        for (int i = 0; i < n; i++) {
            image[i] -= eta * step[i];
        }
    }
}
