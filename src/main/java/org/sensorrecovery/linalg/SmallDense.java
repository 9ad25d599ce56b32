package org.sensorrecovery.linalg;

/**
 * Small dense kernels on flat row-major arrays for the k x k side of the factorization
 * (Gram matrices, Cholesky solves) and the median of the robust loss's scale. Nothing allocates.
 */
public final class SmallDense {

    private SmallDense() {
    }

    /**
     * gram = u^T u.
     *
     * @param u d x k, row-major
     * @param gram k x k, row-major. Overwritten.
     */
    public static void gram(double[] u, int d, int k, double[] gram) {
        java.util.Arrays.fill(gram, 0, k * k, 0.0);
        // Rank-one update per row of u, upper triangle only, then mirror.
        for (int i = 0; i < d; i++) {
            int ui = i * k;
            for (int a = 0; a < k; a++) {
                double x = u[ui + a];
                if (x == 0.0) {
                    continue;
                }
                int ga = a * k;
                for (int b = a; b < k; b++) {
                    gram[ga + b] += x * u[ui + b];
                }
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < a; b++) {
                gram[a * k + b] = gram[b * k + a];
            }
        }
    }

    /**
     * In-place Cholesky factorization p = L L^T; the lower triangle of p receives L.
     *
     * @param p k x k symmetric positive definite, row-major. Modified.
     * @return false when p is not numerically positive definite (p is then undefined)
     */
    public static boolean cholesky(double[] p, int k) {
        for (int j = 0; j < k; j++) {
            int rj = j * k;
            double diag = p[rj + j];
            for (int l = 0; l < j; l++) {
                diag -= p[rj + l] * p[rj + l];
            }
            if (!(diag > 0.0)) {
                return false;
            }
            double ljj = Math.sqrt(diag);
            p[rj + j] = ljj;
            for (int i = j + 1; i < k; i++) {
                int ri = i * k;
                double s = p[ri + j];
                for (int l = 0; l < j; l++) {
                    s -= p[ri + l] * p[rj + l];
                }
                p[ri + j] = s / ljj;
            }
        }
        return true;
    }

    /**
     * Solves x (L L^T) = g for x, row by row, in place: each row of g is replaced by the row of x.
     *
     * @param g d x k, row-major. Modified.
     * @param chol k x k with the Cholesky factor L in its lower triangle
     */
    public static void solveRight(double[] g, int d, int k, double[] chol) {
        // x L L^T = g  <=>  L L^T x^T = g^T: forward then back substitution per row.
        for (int i = 0; i < d; i++) {
            int gi = i * k;
            for (int a = 0; a < k; a++) {
                double s = g[gi + a];
                int ra = a * k;
                for (int l = 0; l < a; l++) {
                    s -= chol[ra + l] * g[gi + l];
                }
                g[gi + a] = s / chol[ra + a];
            }
            for (int a = k - 1; a >= 0; a--) {
                double s = g[gi + a];
                for (int l = a + 1; l < k; l++) {
                    s -= chol[l * k + a] * g[gi + l];
                }
                g[gi + a] = s / chol[a * k + a];
            }
        }
    }

    /** Sum of squares of the first n entries. */
    public static double sumOfSquares(double[] x, int n) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += x[i] * x[i];
        }
        return s;
    }

    /** Inner product of the first n entries. */
    public static double dot(double[] x, double[] y, int n) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** The median of x[0, n) by quickselect; reorders x. 0 for n = 0. */
    public static double median(double[] x, int n) {
        if (n == 0) {
            return 0.0;
        }
        int k = n / 2;
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            double pivot = x[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (x[i] < pivot) {
                    i++;
                }
                while (x[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = x[i];
                    x[i] = x[j];
                    x[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                break;
            }
        }
        return x[k];
    }
}
