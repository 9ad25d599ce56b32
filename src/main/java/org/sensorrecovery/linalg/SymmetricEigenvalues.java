package org.sensorrecovery.linalg;

/**
 * Eigenvalues, and on request eigenvectors, of a small symmetric matrix: Householder reduction to
 * tridiagonal form, then the implicit QL iteration (tred2 and tqli of Numerical Recipes, 2nd ed.,
 * sections 11.2-11.3). Values only cost about (4/3) n^3 flops, a tenth of Commons Math's full
 * decomposition at n = 100: cheap enough for the solver's rank check at full width. Allocates nothing.
 */
public final class SymmetricEigenvalues {

    private static final int MAX_SWEEPS = 60;

    private SymmetricEigenvalues() {
    }

    /**
     * Computes the eigenvalues of a, sorted descending.
     *
     * @param a n x n symmetric, row-major (only the lower triangle is read). Destroyed.
     * @param values receives the n eigenvalues, descending
     * @param work at least n doubles of scratch
     * @return false when the QL iteration did not converge (values then unusable)
     */
    public static boolean compute(double[] a, int n, double[] values, double[] work) {
        tridiagonalize(a, n, values, work, false);
        if (!ql(values, work, n, null)) {
            return false;
        }
        java.util.Arrays.sort(values, 0, n);
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            double t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return true;
    }

    /**
     * Eigenvalues and eigenvectors (the same algorithm with the transformations accumulated,
     * about 9 n^3 flops).
     *
     * @param a n x n symmetric, row-major (only the lower triangle is read). Overwritten: column j
     *          receives the unit eigenvector of values[j]
     * @param values receives the n eigenvalues, descending
     * @param work at least n doubles of scratch
     * @return false when the QL iteration did not converge (a and values then unusable)
     */
    public static boolean decompose(double[] a, int n, double[] values, double[] work) {
        tridiagonalize(a, n, values, work, true);
        if (!ql(values, work, n, a)) {
            return false;
        }
        // Selection sort by descending eigenvalue, swapping columns along: n is small.
        for (int i = 0; i < n - 1; i++) {
            int best = i;
            for (int j = i + 1; j < n; j++) {
                if (values[j] > values[best]) {
                    best = j;
                }
            }
            if (best != i) {
                double t = values[i];
                values[i] = values[best];
                values[best] = t;
                for (int r = 0; r < n; r++) {
                    double x = a[r * n + i];
                    a[r * n + i] = a[r * n + best];
                    a[r * n + best] = x;
                }
            }
        }
        return true;
    }

    /**
     * Householder reduction: diag and off (off[i] couples i-1 and i, off[0] = 0) of the same
     * spectrum; with vectors, a receives the orthogonal transformation.
     */
    private static void tridiagonalize(double[] a, int n, double[] diag, double[] off, boolean vectors) {
        for (int i = n - 1; i > 0; i--) {
            int l = i - 1;
            int ri = i * n;
            double h = 0.0;
            if (l > 0) {
                double scale = 0.0;
                for (int k = 0; k <= l; k++) {
                    scale += Math.abs(a[ri + k]);
                }
                if (scale == 0.0) {
                    off[i] = a[ri + l];
                } else {
                    for (int k = 0; k <= l; k++) {
                        a[ri + k] /= scale;
                        h += a[ri + k] * a[ri + k];
                    }
                    double f = a[ri + l];
                    double g = f >= 0.0 ? -Math.sqrt(h) : Math.sqrt(h);
                    off[i] = scale * g;
                    h -= f * g;
                    a[ri + l] = f - g;
                    f = 0.0;
                    for (int j = 0; j <= l; j++) {
                        if (vectors) {
                            a[j * n + i] = a[ri + j] / h;
                        }
                        double s = 0.0;
                        for (int k = 0; k <= j; k++) {
                            s += a[j * n + k] * a[ri + k];
                        }
                        for (int k = j + 1; k <= l; k++) {
                            s += a[k * n + j] * a[ri + k];
                        }
                        off[j] = s / h;
                        f += off[j] * a[ri + j];
                    }
                    double hh = f / (h + h);
                    for (int j = 0; j <= l; j++) {
                        double fj = a[ri + j];
                        double gj = off[j] - hh * fj;
                        off[j] = gj;
                        int rj = j * n;
                        for (int k = 0; k <= j; k++) {
                            a[rj + k] -= fj * off[k] + gj * a[ri + k];
                        }
                    }
                }
            } else {
                off[i] = a[ri + l];
            }
            diag[i] = h;
        }
        off[0] = 0.0;
        if (!vectors) {
            for (int i = 0; i < n; i++) {
                diag[i] = a[i * n + i];
            }
            return;
        }
        diag[0] = 0.0;
        for (int i = 0; i < n; i++) {
            int ri = i * n;
            if (diag[i] != 0.0) {
                for (int j = 0; j < i; j++) {
                    double g = 0.0;
                    for (int k = 0; k < i; k++) {
                        g += a[ri + k] * a[k * n + j];
                    }
                    for (int k = 0; k < i; k++) {
                        a[k * n + j] -= g * a[k * n + i];
                    }
                }
            }
            diag[i] = a[ri + i];
            a[ri + i] = 1.0;
            for (int j = 0; j < i; j++) {
                a[j * n + i] = 0.0;
                a[ri + j] = 0.0;
            }
        }
    }

    /**
     * Implicit QL with Wilkinson shifts on (diag, off); diag receives the eigenvalues, unsorted.
     * With z (n x n, row-major) the rotations are applied to its columns.
     */
    private static boolean ql(double[] diag, double[] off, int n, double[] z) {
        for (int i = 1; i < n; i++) {
            off[i - 1] = off[i];
        }
        if (n > 0) {
            off[n - 1] = 0.0;
        }
        for (int l = 0; l < n; l++) {
            int sweeps = 0;
            int m;
            do {
                for (m = l; m < n - 1; m++) {
                    double dd = Math.abs(diag[m]) + Math.abs(diag[m + 1]);
                    if (Math.abs(off[m]) + dd == dd) {
                        break;
                    }
                }
                if (m != l) {
                    if (sweeps++ == MAX_SWEEPS) {
                        return false;
                    }
                    double g = (diag[l + 1] - diag[l]) / (2.0 * off[l]);
                    double r = Math.hypot(g, 1.0);
                    g = diag[m] - diag[l] + off[l] / (g + Math.copySign(r, g));
                    double s = 1.0;
                    double c = 1.0;
                    double p = 0.0;
                    int i;
                    for (i = m - 1; i >= l; i--) {
                        double f = s * off[i];
                        double b = c * off[i];
                        r = Math.hypot(f, g);
                        off[i + 1] = r;
                        if (r == 0.0) {
                            diag[i + 1] -= p;
                            off[m] = 0.0;
                            break;
                        }
                        s = f / r;
                        c = g / r;
                        g = diag[i + 1] - p;
                        r = (diag[i] - g) * s + 2.0 * c * b;
                        p = s * r;
                        diag[i + 1] = g + p;
                        g = c * r - b;
                        if (z != null) {
                            for (int k = 0; k < n; k++) {
                                int rk = k * n;
                                double zf = z[rk + i + 1];
                                z[rk + i + 1] = s * z[rk + i] + c * zf;
                                z[rk + i] = c * z[rk + i] - s * zf;
                            }
                        }
                    }
                    if (r == 0.0 && i >= l) {
                        continue;
                    }
                    diag[l] -= p;
                    off[l] = g;
                    off[m] = 0.0;
                }
            } while (m != l);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(diag[i])) {
                return false;
            }
        }
        return true;
    }
}
