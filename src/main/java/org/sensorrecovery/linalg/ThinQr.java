package org.sensorrecovery.linalg;

/**
 * Thin QR decomposition a = q r of a tall matrix by Householder reflections (Golub &amp; Van Loan,
 * 4th ed., algorithms 5.2.1 and 5.1.5): q has orthonormal columns to rounding even when a is
 * ill-conditioned, which Cholesky QR does not promise. For estimates, not for the iteration: it
 * allocates its scratch.
 */
public final class ThinQr {

    private ThinQr() {
    }

    /**
     * @param a m x n, m &gt;= n, row-major. Not modified.
     * @param q m x n, row-major. Overwritten with orthonormal columns.
     * @param r n x n, row-major. Overwritten with the upper triangular factor (zeros below).
     */
    public static void decompose(double[] a, int m, int n, double[] q, double[] r) {
        if (m < n) {
            throw new IllegalArgumentException("shape: thin QR needs m >= n, got " + m + " x " + n);
        }
        double[] w = java.util.Arrays.copyOf(a, m * n);
        double[] house = new double[m * n];
        double[] tau = new double[n];
        for (int j = 0; j < n; j++) {
            reflectColumn(w, m, n, j, house, tau);
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < n; c++) {
                r[i * n + c] = c >= i ? w[i * n + c] : 0.0;
            }
        }
        // q = H_0 H_1 ... H_{n-1} [I; 0], accumulated backwards: H_j leaves columns below j alone.
        java.util.Arrays.fill(q, 0, m * n, 0.0);
        for (int i = 0; i < n; i++) {
            q[i * n + i] = 1.0;
        }
        for (int j = n - 1; j >= 0; j--) {
            apply(house, tau[j], q, m, n, j);
        }
    }

    /** The reflection that zeroes column j of w below the diagonal, applied to w's columns j..n-1. */
    private static void reflectColumn(double[] w, int m, int n, int j, double[] house, double[] tau) {
        double norm2 = 0.0;
        for (int i = j; i < m; i++) {
            norm2 += w[i * n + j] * w[i * n + j];
        }
        if (norm2 == 0.0) {
            tau[j] = 0.0;
            return;
        }
        double norm = Math.sqrt(norm2);
        double alpha = w[j * n + j] > 0 ? -norm : norm;
        double v2 = 0.0;
        for (int i = j; i < m; i++) {
            double x = w[i * n + j] - (i == j ? alpha : 0.0);
            house[i * n + j] = x;
            v2 += x * x;
        }
        tau[j] = 2.0 / v2;
        apply(house, tau[j], w, m, n, j);
    }

    /** x &lt;- (I - tau h h^T) x on rows j..m-1 of columns j..n-1 of x, h column j of house. */
    private static void apply(double[] house, double tau, double[] x, int m, int n, int j) {
        if (tau == 0.0) {
            return;
        }
        for (int c = j; c < n; c++) {
            double dot = 0.0;
            for (int i = j; i < m; i++) {
                dot += house[i * n + j] * x[i * n + c];
            }
            double f = tau * dot;
            for (int i = j; i < m; i++) {
                x[i * n + c] -= f * house[i * n + j];
            }
        }
    }
}
