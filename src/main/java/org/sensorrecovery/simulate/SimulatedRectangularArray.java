package org.sensorrecovery.simulate;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;

/**
 * A simulated rectangular array (two sensor sets, e.g. transmitters x receivers): X* = sum_s
 * sigma_s u_s v_s^T of rank r, u_s (rows) and v_s (cols) random orthonormal, observed through
 * bilinear measurements y = a^T X* b or entries y = X*[i][j], with optional Gaussian noise.
 * Deterministic for a given seed.
 */
public final class SimulatedRectangularArray {

    private final Kind kind;
    private final int rows;
    private final int cols;
    private final double[] truth;
    private final double noise;
    private final SplittableRandom rnd;

    /**
     * @param singularValues one per source (the singular values of X*)
     * @param noise standard deviation of the additive noise on y
     */
    public SimulatedRectangularArray(Kind kind, int rows, int cols, double[] singularValues, double noise, long seed) {
        if (kind != Kind.BILINEAR && kind != Kind.ENTRY) {
            throw new IllegalArgumentException("kind: a rectangular array takes bilinear or entry, got " + kind);
        }
        this.kind = kind;
        this.rows = rows;
        this.cols = cols;
        this.noise = noise;
        this.rnd = new SplittableRandom(seed);
        this.truth = lowRank(rows, cols, singularValues, rnd);
    }

    public Kind kind() {
        return kind;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** X*, rows x cols row-major. Not to be modified. */
    public double[] truth() {
        return truth;
    }

    /** The next measurement of X*: Gaussian a and b, or a uniformly drawn entry. */
    public Measurement next() {
        if (kind == Kind.ENTRY) {
            int i = rnd.nextInt(rows);
            int j = rnd.nextInt(cols);
            return new Measurement.Entry(i, j, truth[i * cols + j] + noise());
        }
        double[] a = gaussians(rows);
        double[] b = gaussians(cols);
        return new Measurement.Bilinear(a, b, bilinearForm(truth, rows, cols, a, b) + noise());
    }

    /** ||x - X*||_F / ||X*||_F for a rows x cols row-major x. */
    public double relativeError(double[] x) {
        return SimulatedArray.relativeError(x, truth);
    }

    private double[] gaussians(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    private double noise() {
        return noise == 0 ? 0 : noise * rnd.nextGaussian();
    }

    /** A rows x cols matrix sum_s sigma_s u_s v_s^T on random orthonormal u_s and v_s. */
    public static double[] lowRank(int rows, int cols, double[] singularValues, RandomGenerator rnd) {
        int r = singularValues.length;
        double[][] u = SimulatedArray.orthonormal(r, rows, rnd);
        double[][] v = SimulatedArray.orthonormal(r, cols, rnd);
        double[] x = new double[rows * cols];
        for (int c = 0; c < r; c++) {
            for (int i = 0; i < rows; i++) {
                double si = singularValues[c] * u[c][i];
                for (int j = 0; j < cols; j++) {
                    x[i * cols + j] += si * v[c][j];
                }
            }
        }
        return x;
    }

    /** a^T x b for a rows x cols row-major x. */
    public static double bilinearForm(double[] x, int rows, int cols, double[] a, double[] b) {
        double y = 0;
        for (int i = 0; i < rows; i++) {
            double row = 0;
            for (int j = 0; j < cols; j++) {
                row += x[i * cols + j] * b[j];
            }
            y += a[i] * row;
        }
        return y;
    }
}
