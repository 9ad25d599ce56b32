package org.sensorrecovery.sensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.linalg.Kernels;

/**
 * Both two-factor windows against central finite differences of sum_i w_i &lt;A_i, U V^T&gt;, and their
 * step images against the predictions at U - eta DU, V - eta DV. Fixed seeds; tolerance 1e-6
 * relative, well above the O(h^2) error of h = 1e-5 on O(1) values.
 */
class TwoFactorSensingTest {

    private static final int ROWS = 5;
    private static final int COLS = 4;
    private static final int K = 3;
    private static final int M = 15;

    private static FactorSensing bilinear(Random rnd) {
        FactorSensing s = new BilinearSensing(ROWS, COLS, M, K, Kernels.best());
        for (int i = 0; i < M; i++) {
            s.add(new Measurement.Bilinear(SensingGradientTest.vector(ROWS, rnd), SensingGradientTest.vector(COLS, rnd), 0.0));
        }
        return s;
    }

    private static FactorSensing entries(Random rnd) {
        FactorSensing s = new RectangularEntrySensing(ROWS, COLS, M);
        for (int i = 0; i < M; i++) {
            s.add(new Measurement.Entry(rnd.nextInt(ROWS), rnd.nextInt(COLS), 0.0));
        }
        return s;
    }

    @Test
    void bilinearGradientsMatchFiniteDifferences() {
        checkGradient(TwoFactorSensingTest::bilinear);
    }

    @Test
    void rectangularEntryGradientsMatchFiniteDifferences() {
        checkGradient(TwoFactorSensingTest::entries);
    }

    @Test
    void bilinearStepImagesGiveThePredictionsAlongTheStep() {
        checkStep(TwoFactorSensingTest::bilinear);
    }

    @Test
    void rectangularEntryStepImagesGiveThePredictionsAlongTheStep() {
        checkStep(TwoFactorSensingTest::entries);
    }

    @Test
    void rectangularEntriesAreCheckedAgainstRowsAndColsSeparately() {
        FactorSensing s = new RectangularEntrySensing(ROWS, COLS, 4);
        s.add(new Measurement.Entry(ROWS - 1, COLS - 1, 1.0));
        InvalidMeasurementException i = assertThrows(InvalidMeasurementException.class,
                () -> s.add(new Measurement.Entry(ROWS, 0, 1.0)));
        assertEquals("i", i.field());
        InvalidMeasurementException j = assertThrows(InvalidMeasurementException.class,
                () -> s.add(new Measurement.Entry(0, COLS, 1.0)));
        assertEquals("j", j.field());
        assertTrue(j.getMessage().contains("[0, " + COLS + ")"), j.getMessage());
        assertEquals(1, s.size());
        assertTrue(s.spareColumnsOverfit());
        assertTrue(!bilinear(new Random(1)).spareColumnsOverfit());
    }

    @Test
    void symmetricKindsAreRefusedForRectangularArrays() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sensings.twoFactor(Kind.RANK_ONE, ROWS, COLS, 4, K, Kernels.best()));
        assertTrue(e.getMessage().startsWith("kind:"), e.getMessage());
    }

    private static void checkGradient(Function<Random, FactorSensing> make) {
        Random rnd = new Random(11);
        FactorSensing s = make.apply(rnd);
        double[] w = SensingGradientTest.vector(M, rnd);
        double[] u = SensingGradientTest.vector(ROWS * K, rnd);
        double[] v = SensingGradientTest.vector(COLS * K, rnd);
        double[] gu = new double[ROWS * K];
        double[] gv = new double[COLS * K];
        s.predict(u, v, K, new double[M]);
        s.gradient(w, u, v, K, gu, gv);
        double h = 1e-5;
        for (int e = 0; e < ROWS * K; e++) {
            double[] up = u.clone();
            double[] um = u.clone();
            up[e] += h;
            um[e] -= h;
            double fd = (weighted(s, up, v, w) - weighted(s, um, v, w)) / (2 * h);
            assertEquals(fd, gu[e], 1e-6 * Math.max(1, Math.abs(fd)), s.kind() + " dU element " + e);
        }
        for (int e = 0; e < COLS * K; e++) {
            double[] vp = v.clone();
            double[] vm = v.clone();
            vp[e] += h;
            vm[e] -= h;
            double fd = (weighted(s, u, vp, w) - weighted(s, u, vm, w)) / (2 * h);
            assertEquals(fd, gv[e], 1e-6 * Math.max(1, Math.abs(fd)), s.kind() + " dV element " + e);
        }
    }

    private static void checkStep(Function<Random, FactorSensing> make) {
        Random rnd = new Random(5);
        FactorSensing s = make.apply(rnd);
        double[] u = SensingGradientTest.vector(ROWS * K, rnd);
        double[] v = SensingGradientTest.vector(COLS * K, rnd);
        double[] du = SensingGradientTest.vector(ROWS * K, rnd);
        double[] dv = SensingGradientTest.vector(COLS * K, rnd);
        double[] pred = new double[M];
        double[] q = new double[M];
        double[] sq = new double[M];
        s.predict(u, v, K, pred);
        s.gradient(new double[M], u, v, K, new double[ROWS * K], new double[COLS * K]);
        s.direction(u, v, du, dv, K, q, sq);
        double eta = 0.37;
        double[] mu = u.clone();
        double[] mv = v.clone();
        for (int i = 0; i < mu.length; i++) {
            mu[i] -= eta * du[i];
        }
        for (int i = 0; i < mv.length; i++) {
            mv[i] -= eta * dv[i];
        }
        s.moveAlong(eta, K);
        // After moveAlong the window's cached images are those of the moved factors: the gradient there
        // must equal the gradient after a fresh predict.
        double[] w = SensingGradientTest.vector(M, rnd);
        double[] gu = new double[ROWS * K];
        double[] gv = new double[COLS * K];
        s.gradient(w, mu, mv, K, gu, gv);
        double[] expected = new double[M];
        s.predict(mu, mv, K, expected);
        for (int i = 0; i < M; i++) {
            assertEquals(expected[i], pred[i] - eta * q[i] + eta * eta * sq[i], 1e-10 * Math.max(1, Math.abs(expected[i])));
        }
        double[] fu = new double[ROWS * K];
        double[] fv = new double[COLS * K];
        s.gradient(w, mu, mv, K, fu, fv);
        for (int i = 0; i < fu.length; i++) {
            assertEquals(fu[i], gu[i], 1e-10 * Math.max(1, Math.abs(fu[i])), "moved images, dU " + i);
        }
        for (int i = 0; i < fv.length; i++) {
            assertEquals(fv[i], gv[i], 1e-10 * Math.max(1, Math.abs(fv[i])), "moved images, dV " + i);
        }
    }

    private static double weighted(FactorSensing s, double[] u, double[] v, double[] w) {
        double[] pred = new double[s.size()];
        s.predict(u, v, K, pred);
        double sum = 0;
        for (int i = 0; i < pred.length; i++) {
            sum += w[i] * pred[i];
        }
        return sum;
    }
}
