package org.sensorrecovery.testing;

import java.util.Random;

import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.sensing.SeededGaussian;

/** Synthetic low-rank PSD ground truths and their measurements, for tests and benchmarks. Fixed seeds. */
public final class Problems {

    private Problems() {
    }

    /** A d x d PSD matrix with the given eigenvalues on random orthonormal directions. */
    public static double[] lowRankPsd(int d, double[] eigenvalues, Random rnd) {
        int r = eigenvalues.length;
        double[][] v = orthonormal(d, r, rnd);
        double[] x = new double[d * d];
        for (int c = 0; c < r; c++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    x[i * d + j] += eigenvalues[c] * v[c][i] * v[c][j];
                }
            }
        }
        return x;
    }

    /** r orthonormal vectors of length d (Gram-Schmidt on Gaussian vectors). */
    public static double[][] orthonormal(int d, int r, Random rnd) {
        double[][] v = new double[r][d];
        for (int c = 0; c < r; c++) {
            for (int i = 0; i < d; i++) {
                v[c][i] = rnd.nextGaussian();
            }
            for (int p = 0; p < c; p++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += v[c][i] * v[p][i];
                }
                for (int i = 0; i < d; i++) {
                    v[c][i] -= dot * v[p][i];
                }
            }
            double n = 0;
            for (int i = 0; i < d; i++) {
                n += v[c][i] * v[c][i];
            }
            n = Math.sqrt(n);
            for (int i = 0; i < d; i++) {
                v[c][i] /= n;
            }
        }
        return v;
    }

    /** Eigenvalues 1 ... 1/kappa spaced geometrically. */
    public static double[] geometric(int r, double kappa) {
        double[] e = new double[r];
        for (int i = 0; i < r; i++) {
            e[i] = r == 1 ? 1.0 : Math.pow(kappa, -(double) i / (r - 1));
        }
        return e;
    }

    public static double[] ones(int r) {
        double[] e = new double[r];
        java.util.Arrays.fill(e, 1.0);
        return e;
    }

    public static Measurement.RankOne rankOne(double[] x, int d, Random rnd, double noise) {
        double[] a = new double[d];
        for (int i = 0; i < d; i++) {
            a[i] = rnd.nextGaussian();
        }
        double y = 0;
        for (int i = 0; i < d; i++) {
            double row = 0;
            for (int j = 0; j < d; j++) {
                row += x[i * d + j] * a[j];
            }
            y += a[i] * row;
        }
        return new Measurement.RankOne(a, y + noise * rnd.nextGaussian());
    }

    public static Measurement.Gaussian gaussian(double[] x, int d, long seed, double noise, Random rnd) {
        double[] a = new double[d * d];
        SeededGaussian.fill(seed, d, a);
        double y = 0;
        for (int i = 0; i < d * d; i++) {
            y += a[i] * x[i];
        }
        return new Measurement.Gaussian(seed, y + noise * rnd.nextGaussian());
    }

    /** All entries (i &lt;= j) of the upper triangle, each kept with probability p. */
    public static java.util.List<Measurement.Entry> entries(double[] x, int d, double p, Random rnd) {
        java.util.List<Measurement.Entry> out = new java.util.ArrayList<>();
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                if (rnd.nextDouble() < p) {
                    out.add(new Measurement.Entry(i, j, x[i * d + j]));
                }
            }
        }
        return out;
    }

    /** ||a - b||_F / ||b||_F. */
    public static double relativeError(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < b.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }

    /** U U^T for a d x k factor. */
    public static double[] product(double[] u, int d, int k) {
        double[] x = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += u[i * k + c] * u[j * k + c];
                }
                x[i * d + j] = s;
            }
        }
        return x;
    }
}
