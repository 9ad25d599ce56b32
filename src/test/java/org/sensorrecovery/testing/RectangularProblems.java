package org.sensorrecovery.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.simulate.SimulatedRectangularArray;

/** Synthetic low-rank rectangular ground truths and their measurements, for tests. Fixed seeds. */
public final class RectangularProblems {

    private RectangularProblems() {
    }

    /** A rows x cols matrix with the given singular values on random orthonormal directions. */
    public static double[] lowRank(int rows, int cols, double[] singularValues, Random rnd) {
        return SimulatedRectangularArray.lowRank(rows, cols, singularValues, rnd);
    }

    /** m bilinear measurements y = a^T X b, a and b standard Gaussian. */
    public static List<Measurement> bilinear(double[] x, int rows, int cols, int m, Random rnd) {
        List<Measurement> out = new ArrayList<>();
        for (int n = 0; n < m; n++) {
            double[] a = gaussians(rows, rnd);
            double[] b = gaussians(cols, rnd);
            out.add(new Measurement.Bilinear(a, b, SimulatedRectangularArray.bilinearForm(x, rows, cols, a, b)));
        }
        return out;
    }

    /** Every entry, each kept with probability p. */
    public static List<Measurement> entries(double[] x, int rows, int cols, double p, Random rnd) {
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (rnd.nextDouble() < p) {
                    out.add(new Measurement.Entry(i, j, x[i * cols + j]));
                }
            }
        }
        return out;
    }

    /** U V^T for rows x k and cols x k factors. */
    public static double[] product(double[] u, int rows, double[] v, int cols, int k) {
        double[] x = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double s = 0;
                for (int c = 0; c < k; c++) {
                    s += u[i * k + c] * v[j * k + c];
                }
                x[i * cols + j] = s;
            }
        }
        return x;
    }

    private static double[] gaussians(int n, Random rnd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }
}
