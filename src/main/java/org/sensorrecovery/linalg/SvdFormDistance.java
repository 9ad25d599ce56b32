package org.sensorrecovery.linalg;

/**
 * ||A - B||_F / ||B||_F for two rectangular matrices given as singular triplets,
 * A = sum_i a_i u_i v_i^T and B = sum_j b_j p_j q_j^T, without forming a rows x cols matrix:
 * A - B = L S R^T with L = [u, p], R = [v, q], S = diag(a, -b); with thin QRs L = Q_L R_L and
 * R = Q_R R_R, ||A - B||_F = ||R_L S R_R^T||_F (the rectangular {@link EigenFormDistance}).
 * Allocates: for scoring estimates, not for the iteration.
 */
public final class SvdFormDistance {

    private SvdFormDistance() {
    }

    /**
     * @param a singular values of A; u, v its left and right vectors (a.length rows each)
     * @param b singular values of B; p, q its left and right vectors
     * @return the relative Frobenius distance, or NaN when B is zero or the shapes disagree
     */
    public static double relative(double[] a, double[][] u, double[][] v, double[] b, double[][] p, double[][] q) {
        int n = a.length + b.length;
        if (b.length == 0 || u.length != a.length || v.length != a.length || p.length != b.length
                || q.length != b.length) {
            return Double.NaN;
        }
        int rows = p[0].length;
        int cols = q[0].length;
        double[] leftCore = core(u, p, rows, n);
        double[] rightCore = core(v, q, cols, n);
        if (leftCore == null || rightCore == null) {
            return Double.NaN;
        }
        double[] s = new double[n];
        for (int i = 0; i < a.length; i++) {
            s[i] = a[i];
        }
        for (int j = 0; j < b.length; j++) {
            s[a.length + j] = -b[j];
        }
        int kl = Math.min(rows, n);
        int kr = Math.min(cols, n);
        double diff = 0;
        for (int x = 0; x < kl; x++) {
            for (int y = 0; y < kr; y++) {
                double e = 0;
                for (int i = 0; i < n; i++) {
                    e += leftCore[x * n + i] * s[i] * rightCore[y * n + i];
                }
                diff += e * e;
            }
        }
        double ref = 0;
        for (double bj : b) {
            ref += bj * bj;
        }
        // The reference vectors are orthonormal (a truth's singular vectors): ||B||_F^2 = sum b_j^2.
        return ref > 0 ? Math.sqrt(diff / ref) : Double.NaN;
    }

    /**
     * The R factor (min(len, n) x n, row-major) of the len x n matrix with columns x_0.., y_0..;
     * null when a vector has the wrong length.
     */
    private static double[] core(double[][] x, double[][] y, int len, int n) {
        double[] c = new double[len * n];
        for (int col = 0; col < n; col++) {
            double[] vec = col < x.length ? x[col] : y[col - x.length];
            if (vec.length != len) {
                return null;
            }
            for (int i = 0; i < len; i++) {
                c[i * n + col] = vec[i];
            }
        }
        if (len >= n) {
            double[] r = new double[n * n];
            ThinQr.decompose(c, len, n, new double[len * n], r);
            return r;
        }
        // Fewer rows than vectors: the matrix itself serves (||Q^T M|| = ||M|| for square orthogonal Q).
        return c;
    }
}
