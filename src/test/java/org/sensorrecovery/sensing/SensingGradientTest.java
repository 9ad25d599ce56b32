package org.sensorrecovery.sensing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.linalg.JavaGemm;
import org.sensorrecovery.linalg.Kernels;

/**
 * Each operator's gradient against central finite differences of
 * f(U) = 1/2 sum_i w_i (&lt;A_i, U U^T&gt;)... linearized: d/dU sum_i w_i pred_i(U) = 2 sum_i w_i sym(A_i) U.
 * Fixed seeds; tolerance 1e-6 relative, well above the O(h^2) error of h = 1e-5 on O(1) values.
 * The two-factor operators (bilinear, rectangular entries) are {@link TwoFactorSensingTest}'s.
 */
class SensingGradientTest {

    private static final int D = 6;
    private static final int K = 3;

    @Test
    void rankOneGradientMatchesFiniteDifferences() {
        check(() -> new RankOneSensing(D, 20, K, Kernels.best()), rnd -> new Measurement.RankOne(vector(D, rnd), 1.0));
    }

    @Test
    void entryGradientMatchesFiniteDifferencesIncludingDiagonalEntries() {
        check(() -> new EntrySensing(D, 20), rnd -> new Measurement.Entry(rnd.nextInt(D), rnd.nextInt(D), 1.0));
    }

    @Test
    void seededGaussianGradientMatchesFiniteDifferences() {
        check(() -> new MatrixSensing(Kind.GAUSSIAN, D, 20, Kernels.best()), rnd -> new Measurement.Gaussian(rnd.nextLong(), 1.0));
    }

    @Test
    void denseGradientOfANonSymmetricMatrixMatchesFiniteDifferences() {
        check(() -> new MatrixSensing(Kind.DENSE, D, 20, new JavaGemm()), rnd -> new Measurement.Dense(vector(D * D, rnd), 1.0));
    }

    @Test
    void stepImagesGiveThePredictionsAlongTheStep() {
        Random rnd = new Random(5);
        SymmetricSensing s = new RankOneSensing(D, 10, K, Kernels.best());
        for (int i = 0; i < 10; i++) {
            s.add(new Measurement.RankOne(vector(D, rnd), 0.0));
        }
        double[] u = vector(D * K, rnd);
        double[] dir = vector(D * K, rnd);
        double[] pred = new double[10];
        double[] q = new double[10];
        double[] sq = new double[10];
        s.predict(u, K, pred);
        s.direction(u, dir, K, q, sq);
        double eta = 0.37;
        double[] moved = u.clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] -= eta * dir[i];
        }
        double[] expected = new double[10];
        s.predict(moved, K, expected);
        for (int i = 0; i < 10; i++) {
            assertEquals(expected[i], pred[i] - eta * q[i] + eta * eta * sq[i], 1e-10 * Math.max(1, Math.abs(expected[i])));
        }
    }

    interface Draw {
        Measurement next(Random rnd);
    }

    private static void check(Supplier<SymmetricSensing> make, Draw draw) {
        Random rnd = new Random(3);
        SymmetricSensing s = make.get();
        int m = 20;
        for (int i = 0; i < m; i++) {
            s.add(draw.next(rnd));
        }
        double[] w = vector(m, rnd);
        double[] u = vector(D * K, rnd);
        double[] pred = new double[m];
        double[] g = new double[D * K];
        s.predict(u, K, pred);
        s.gradient(w, u, K, g);
        double h = 1e-5;
        for (int e = 0; e < D * K; e++) {
            double[] up = u.clone();
            double[] um = u.clone();
            up[e] += h;
            um[e] -= h;
            // d/dU sum_i w_i <A_i, U U^T> = 2 sum_i w_i sym(A_i) U = 2 g.
            double fd = (weighted(s, up, w) - weighted(s, um, w)) / (2 * h);
            assertEquals(fd, 2 * g[e], 1e-6 * Math.max(1, Math.abs(fd)), s.kind() + " element " + e);
        }
        // Tied (V is U, one gradient array), the factor seam gives the whole derivative 2 g, exactly.
        double[] tied = new double[D * K];
        s.predict(u, u, K, pred);
        s.gradient(w, u, u, K, tied, tied);
        for (int e = 0; e < D * K; e++) {
            assertEquals(2 * g[e], tied[e], 1e-12 * Math.max(1, Math.abs(g[e])), s.kind() + " tied element " + e);
        }
    }

    private static double weighted(SymmetricSensing s, double[] u, double[] w) {
        double[] pred = new double[s.size()];
        s.predict(u, K, pred);
        double sum = 0;
        for (int i = 0; i < pred.length; i++) {
            sum += w[i] * pred[i];
        }
        return sum;
    }

    static double[] vector(int n, Random rnd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }
}
