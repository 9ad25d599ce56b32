package org.sensorrecovery.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SmallDenseTest {

    /** A random SPD matrix G^T G + I, k x k. */
    private static double[] spd(int k, Random rnd) {
        double[] g = new double[(k + 3) * k];
        for (int i = 0; i < g.length; i++) {
            g[i] = rnd.nextGaussian();
        }
        double[] p = new double[k * k];
        SmallDense.gram(g, k + 3, k, p);
        for (int a = 0; a < k; a++) {
            p[a * k + a] += 1.0;
        }
        return p;
    }

    @Test
    void solveRightTimesTheMatrixGivesBackTheRightHandSide() {
        Random rnd = new Random(5);
        int k = 9;
        int d = 6;
        double[] p = spd(k, rnd);
        double[] chol = p.clone();
        SmallDense.cholesky(chol, k);
        double[] g = new double[d * k];
        for (int i = 0; i < g.length; i++) {
            g[i] = rnd.nextGaussian();
        }
        double[] x = g.clone();
        SmallDense.solveRight(x, d, k, chol);
        double[] back = new double[d * k];
        new JavaGemm().multiply(x, d, k, p, k, back);
        for (int i = 0; i < g.length; i++) {
            assertEquals(g[i], back[i], 1e-10);
        }
    }

    @Test
    void choleskyRefusesAnIndefiniteMatrix() {
        assertFalse(SmallDense.cholesky(new double[] {1, 2, 2, 1}, 2));
    }

    @Test
    void medianSelectsTheMiddle() {
        Random rnd = new Random(35);
        for (int n = 1; n < 60; n++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextInt(7) - rnd.nextDouble();
            }
            double[] sorted = x.clone();
            java.util.Arrays.sort(sorted);
            assertEquals(sorted[n / 2], SmallDense.median(x, n), "n = " + n);
        }
    }
}
