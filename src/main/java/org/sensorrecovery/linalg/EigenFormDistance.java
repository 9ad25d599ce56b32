package org.sensorrecovery.linalg;

/**
 * ||A - B||_F / ||B||_F for two symmetric matrices given in eigen form, A = sum_i a_i v_i v_i^T and
 * B = sum_j b_j w_j w_j^T, without forming a d x d matrix: A - B = C S C^T with C = [v, w] and
 * S = diag(a, -b); with the thin QR C = Q R, ||A - B||_F = ||R S R^T||_F. O(d n^2), n = ranks
 * added, and accurate down to rounding (no cancellation of ||A||^2 + ||B||^2 - 2 <A, B>).
 */
public final class EigenFormDistance {

    private EigenFormDistance() {
    }

    /**
     * @param a eigenvalues of A; v its eigenvectors (a.length rows of d numbers)
     * @param b eigenvalues of B; w its eigenvectors (b.length rows of d numbers)
     * @return the relative Frobenius distance, or NaN when B is zero or the shapes disagree
     */
    public static double relative(double[] a, double[][] v, double[] b, double[][] w) {
        int n = a.length + b.length;
        if (v.length != a.length || w.length != b.length || b.length == 0) {
            return Double.NaN;
        }
        int d = w[0].length;
        double[][] c = new double[n][];
        double[] s = new double[n];
        for (int i = 0; i < a.length; i++) {
            c[i] = v[i];
            s[i] = a[i];
        }
        for (int j = 0; j < b.length; j++) {
            c[a.length + j] = w[j];
            s[a.length + j] = -b[j];
        }
        for (double[] col : c) {
            if (col.length != d) {
                return Double.NaN;
            }
        }
        double[][] r = new double[n][n];
        double[][] q = new double[n][];
        int m = 0;
        for (int i = 0; i < n; i++) {
            double[] x = c[i].clone();
            double norm0 = Math.sqrt(dot(x, x));
            // Gram-Schmidt twice ("twice is enough", Giraud et al. 2005): orthogonal to rounding.
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < m; k++) {
                    double p = dot(q[k], x);
                    r[k][i] += p;
                    for (int t = 0; t < d; t++) {
                        x[t] -= p * q[k][t];
                    }
                }
            }
            double norm = Math.sqrt(dot(x, x));
            if (norm > 1e-13 * norm0) {
                for (int t = 0; t < d; t++) {
                    x[t] /= norm;
                }
                q[m] = x;
                r[m][i] = norm;
                m++;
            }
        }
        // ||R S R^T||_F over the m directions found; R is m x n.
        double diff = 0;
        for (int p = 0; p < m; p++) {
            for (int t = 0; t < m; t++) {
                double e = 0;
                for (int i = 0; i < n; i++) {
                    e += r[p][i] * s[i] * r[t][i];
                }
                diff += e * e;
            }
        }
        double ref = 0;
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double g = dot(w[i], w[j]);
                ref += b[i] * b[j] * g * g;
            }
        }
        return ref > 0 ? Math.sqrt(diff / ref) : Double.NaN;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
