package org.sensorrecovery.linalg;

/**
 * Row-wise arithmetic on the images of a factor (m x n, row-major) that goes with a product: the
 * rank-one predictions ||c_i||^2 and the row-scaled images of the gradient. Rows [from, to), so a
 * row block of a product can do its part while its rows are in cache.
 */
final class RowArithmetic {

    private RowArithmetic() {
    }

    /** norms_i = c_i . c_i for from &lt;= i &lt; to; four partial sums, so the adds do not wait on each other. */
    static void squaredNorms(double[] c, int from, int to, int n, double[] norms) {
        for (int i = from; i < to; i++) {
            int row = i * n;
            int end = row + n;
            double s0 = 0.0;
            double s1 = 0.0;
            double s2 = 0.0;
            double s3 = 0.0;
            int j = row;
            for (; j + 3 < end; j += 4) {
                s0 += c[j] * c[j];
                s1 += c[j + 1] * c[j + 1];
                s2 += c[j + 2] * c[j + 2];
                s3 += c[j + 3] * c[j + 3];
            }
            for (; j < end; j++) {
                s0 += c[j] * c[j];
            }
            norms[i] = (s0 + s1) + (s2 + s3);
        }
    }

    /** out_i = w_i src_i (row i scaled by w_i) for from &lt;= i &lt; to. */
    static void scaleRows(double[] w, double[] src, int from, int to, int n, double[] out) {
        for (int i = from; i < to; i++) {
            double wi = w[i];
            for (int j = i * n, end = j + n; j < end; j++) {
                out[j] = wi * src[j];
            }
        }
    }
}
