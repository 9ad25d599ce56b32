package org.sensorrecovery.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.simulate.SimulatedArray;

class EigenFormDistanceTest {

    private static double[] dense(double[] lam, double[][] v, int d) {
        double[] x = new double[d * d];
        for (int r = 0; r < lam.length; r++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    x[i * d + j] += lam[r] * v[r][i] * v[r][j];
                }
            }
        }
        return x;
    }

    @Test
    void agreesWithTheDenseFrobeniusDistanceOnRandomEigenForms() {
        SplittableRandom rnd = new SplittableRandom(3);
        int d = 20;
        double[] a = {3.1, 1.9, 0.7, 0.2};
        double[][] v = SimulatedArray.orthonormal(4, d, rnd);
        double[] b = {3.0, 2.0, 1.0};
        double[][] w = SimulatedArray.orthonormal(3, d, rnd);
        double expected = SimulatedArray.relativeError(dense(a, v, d), dense(b, w, d));
        assertEquals(expected, EigenFormDistance.relative(a, v, b, w), 1e-12 * expected);
    }

    @Test
    void resolvesTinyErrorsThatTheExpandedNormWouldCancelAway() {
        // ||A||^2 + ||B||^2 - 2<A,B> loses everything below sqrt(1e-16) = 1e-8; the QR form does not.
        SplittableRandom rnd = new SplittableRandom(5);
        int d = 32;
        double[] b = {3, 2, 1};
        double[][] w = SimulatedArray.orthonormal(3, d, rnd);
        double[] a = {3 * (1 + 1e-11), 2, 1};
        double expected = 3e-11 / Math.sqrt(14);
        double got = EigenFormDistance.relative(a, w, b, w);
        assertEquals(expected, got, 1e-3 * expected);
        assertEquals(0.0, EigenFormDistance.relative(b, w, b, w), 1e-15);
    }

    @Test
    void aMismatchedShapeOrAZeroTruthIsNotANumber() {
        double[][] w = {{1, 0}};
        assertTrue(Double.isNaN(EigenFormDistance.relative(new double[] {1}, new double[][] {{1, 0, 0}}, new double[] {1}, w)));
        assertTrue(Double.isNaN(EigenFormDistance.relative(new double[] {1}, w, new double[0], new double[0][])));
    }
}
