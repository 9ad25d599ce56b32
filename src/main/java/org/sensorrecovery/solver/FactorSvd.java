package org.sensorrecovery.solver;

import org.sensorrecovery.linalg.SmallDense;
import org.sensorrecovery.linalg.SymmetricEigenvalues;
import org.sensorrecovery.linalg.ThinQr;

/**
 * The singular value decomposition of U V^T from its k x k cores: thin QR U = Q_u R_u and
 * V = Q_v R_v (Householder), then the small product C = R_u R_v^T = P diag(sigma) W^T, so
 * U V^T = (Q_u P) diag(sigma) (Q_v W)^T. The rows x cols matrix is never formed. Allocates: for
 * estimates and two-factor truncations, not for the iteration.
 *
 * @param values the singular values of U V^T, descending
 * @param left the left singular vectors, unit norm, rows numbers each
 * @param right the right singular vectors, unit norm, cols numbers each
 */
record FactorSvd(double[] values, double[][] left, double[][] right) {

    /** U V^T from u (rows x k) and v (cols x k), both row-major; v is u when tied (one QR serves both). */
    static FactorSvd of(double[] u, int rows, double[] v, int cols, int k) {
        double[] qu = new double[rows * k];
        double[] ru = new double[k * k];
        ThinQr.decompose(u, rows, k, qu, ru);
        double[] qv = v == u ? qu : new double[cols * k];
        double[] rv = v == u ? ru : new double[k * k];
        if (v != u) {
            ThinQr.decompose(v, cols, k, qv, rv);
        }
        // ct = C^T = R_v R_u^T, so that C C^T = ct^T ct.
        double[] ct = new double[k * k];
        for (int b = 0; b < k; b++) {
            for (int a = 0; a < k; a++) {
                double sum = 0.0;
                for (int t = Math.max(a, b); t < k; t++) {
                    sum += ru[a * k + t] * rv[b * k + t];
                }
                ct[b * k + a] = sum;
            }
        }
        double[] cct = new double[k * k];
        SmallDense.gram(ct, k, k, cct);
        double[] mu = new double[k];
        if (!SymmetricEigenvalues.decompose(cct, k, mu, new double[k])) {
            return new FactorSvd(new double[0], new double[0][], new double[0][]);
        }
        double[] sigma = new double[k];
        double[][] left = new double[k][];
        double[][] right = new double[k][];
        for (int j = 0; j < k; j++) {
            double[] p = new double[k];
            for (int a = 0; a < k; a++) {
                p[a] = cct[a * k + j];
            }
            // w = C^T p = sigma_j w_j: its norm is sigma_j to rounding of sigma_1, not of sigma_1^2.
            double[] w = times(ct, k, k, p);
            sigma[j] = Math.sqrt(SmallDense.sumOfSquares(w, k));
            left[j] = times(qu, rows, k, p);
            right[j] = times(qv, cols, k, w);
            Calibration.normalize(left[j], rows);
            Calibration.normalize(right[j], cols);
        }
        sortDescending(sigma, left, right);
        return new FactorSvd(sigma, left, right);
    }

    int size() {
        return values.length;
    }

    /**
     * The rank to report: {@link RankDetector#reportedRank}, or more where growth is signal and more
     * values have clearly grown (a gap inside the signal is not the separation from the spare
     * columns): for two factors always, for a tied factor once it has been truncated.
     */
    int reportedRank(Factors f, double residual, boolean growthIsSignal) {
        int n = size();
        double floor = RankDetector.noiseFloor(residual, values);
        int r = n == 0 ? 0 : RankDetector.reportedRank(values, n, f.initScale(), floor);
        if (r > 0 && growthIsSignal && (f.shrunk || !f.tied)) {
            r = Math.max(r, RankDetector.grownCount(values, n, f.initScale(), floor));
        }
        return r;
    }

    /** q x for an n x k q. */
    private static double[] times(double[] q, int n, int k, double[] x) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0.0;
            for (int a = 0; a < k; a++) {
                sum += q[i * k + a] * x[a];
            }
            out[i] = sum;
        }
        return out;
    }

    /** Recomputed sigmas may swap neighbours that eigenvalues of C C^T ordered: reorder. */
    private static void sortDescending(double[] s, double[][] l, double[][] r) {
        for (int a = 1; a < s.length; a++) {
            for (int b = a; b > 0 && s[b] > s[b - 1]; b--) {
                double t = s[b];
                s[b] = s[b - 1];
                s[b - 1] = t;
                double[] tl = l[b];
                l[b] = l[b - 1];
                l[b - 1] = tl;
                double[] tr = r[b];
                r[b] = r[b - 1];
                r[b - 1] = tr;
            }
        }
    }
}
