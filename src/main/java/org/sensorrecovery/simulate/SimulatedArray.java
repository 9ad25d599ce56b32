package org.sensorrecovery.simulate;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.sensing.SeededGaussian;

/**
 * A simulated sensor array: r uncorrelated sources with powers p_s on random orthonormal
 * directions, X* = sum_s p_s v_s v_s^T, observed through measurements of one kind with optional
 * Gaussian noise. Deterministic for a given seed.
 */
public final class SimulatedArray {

    private final Kind kind;
    private final int d;
    private final double[] truth;
    private final double noise;
    private final SplittableRandom rnd;
    private final double[] scratch;

    /**
     * @param powers source powers, one per source (the eigenvalues of X*)
     * @param noise standard deviation of the additive noise on y
     */
    public SimulatedArray(Kind kind, int d, double[] powers, double noise, long seed) {
        if (!kind.symmetric()) {
            throw new IllegalArgumentException("kind: the simulated array is symmetric, got " + kind);
        }
        this.kind = kind;
        this.d = d;
        this.noise = noise;
        this.rnd = new SplittableRandom(seed);
        this.truth = lowRankPsd(d, powers, rnd);
        this.scratch = new double[d * d];
    }

    public Kind kind() {
        return kind;
    }

    public int dimension() {
        return d;
    }

    /** X*, d x d row-major. Not to be modified. */
    public double[] truth() {
        return truth;
    }

    /** The next measurement of X*. */
    public Measurement next() {
        return switch (kind) {
            case RANK_ONE -> {
                double[] a = new double[d];
                for (int i = 0; i < d; i++) {
                    a[i] = gaussian();
                }
                yield new Measurement.RankOne(a, quadraticForm(truth, d, a) + noise());
            }
            case ENTRY -> {
                int i = rnd.nextInt(d);
                int j = rnd.nextInt(d);
                yield new Measurement.Entry(i, j, truth[i * d + j] + noise());
            }
            case GAUSSIAN -> {
                long seed = rnd.nextLong();
                SeededGaussian.fill(seed, d, scratch);
                yield new Measurement.Gaussian(seed, inner(scratch) + noise());
            }
            case DENSE -> {
                double[] a = new double[d * d];
                for (int i = 0; i < a.length; i++) {
                    a[i] = gaussian();
                }
                yield new Measurement.Dense(a, inner(a) + noise());
            }
            case BILINEAR -> throw new IllegalStateException("unreachable: checked in the constructor");
        };
    }

    /** ||x - X*||_F / ||X*||_F for a d x d row-major x. */
    public double relativeError(double[] x) {
        return relativeError(x, truth);
    }

    private double inner(double[] a) {
        double y = 0;
        for (int i = 0; i < truth.length; i++) {
            y += a[i] * truth[i];
        }
        return y;
    }

    private double noise() {
        return noise == 0 ? 0 : noise * gaussian();
    }

    private double gaussian() {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * A d x d PSD matrix sum_s powers[s] v_s v_s^T on random orthonormal directions v_s
     * (Gram-Schmidt on Gaussian vectors).
     */
    public static double[] lowRankPsd(int d, double[] powers, RandomGenerator rnd) {
        int r = powers.length;
        double[][] v = orthonormal(r, d, rnd);
        double[] x = new double[d * d];
        for (int c = 0; c < r; c++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    x[i * d + j] += powers[c] * v[c][i] * v[c][j];
                }
            }
        }
        return x;
    }

    /** r random orthonormal vectors of length d (Gram-Schmidt on Gaussian vectors), as rows. */
    public static double[][] orthonormal(int r, int d, RandomGenerator rnd) {
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

    /** a^T x a for a d x d row-major x. */
    public static double quadraticForm(double[] x, int d, double[] a) {
        double y = 0;
        for (int i = 0; i < d; i++) {
            double row = 0;
            for (int j = 0; j < d; j++) {
                row += x[i * d + j] * a[j];
            }
            y += a[i] * row;
        }
        return y;
    }

    /** ||x - truth||_F / ||truth||_F. */
    public static double relativeError(double[] x, double[] truth) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < truth.length; i++) {
            num += (x[i] - truth[i]) * (x[i] - truth[i]);
            den += truth[i] * truth[i];
        }
        return Math.sqrt(num / den);
    }
}
