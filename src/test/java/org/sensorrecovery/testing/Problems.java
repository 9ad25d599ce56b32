package org.sensorrecovery.testing;

import java.util.Random;

import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.sensing.SeededGaussian;
import org.sensorrecovery.simulate.SimulatedArray;

/** Synthetic low-rank PSD ground truths and their measurements, for tests and benchmarks. Fixed seeds. */
public final class Problems {

    private Problems() {
    }

    /** A d x d PSD matrix with the given eigenvalues on random orthonormal directions. */
    public static double[] lowRankPsd(int d, double[] eigenvalues, Random rnd) {
        return SimulatedArray.lowRankPsd(d, eigenvalues, rnd);
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
        double y = SimulatedArray.quadraticForm(x, d, a);
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
        return SimulatedArray.relativeError(a, b);
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
