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
    void choleskyInverseTimesTheMatrixIsTheIdentity() {
        Random rnd = new Random(4);
        for (int k : new int[] {1, 2, 7, 40}) {
            double[] p = spd(k, rnd);
            double[] chol = p.clone();
            assertTrue(SmallDense.cholesky(chol, k));
            double[] inv = new double[k * k];
            SmallDense.choleskyInverse(chol, k, inv, new double[k * k]);
            double[] prod = new double[k * k];
            new JavaGemm().multiply(p, k, k, inv, k, prod);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    assertEquals(a == b ? 1.0 : 0.0, prod[a * k + b], 1e-10, "k=" + k);
                }
            }
        }
    }

    @Test
    void solveRightAgreesWithTheExplicitInverse() {
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
        double[] viaSolve = g.clone();
        SmallDense.solveRight(viaSolve, d, k, chol);
        double[] inv = new double[k * k];
        SmallDense.choleskyInverse(chol, k, inv, new double[k * k]);
        double[] viaInverse = new double[d * k];
        new JavaGemm().multiply(g, d, k, inv, k, viaInverse);
        for (int i = 0; i < g.length; i++) {
            assertEquals(viaSolve[i], viaInverse[i], 1e-10);
        }
    }

    @Test
    void choleskyRefusesAnIndefiniteMatrix() {
        assertFalse(SmallDense.cholesky(new double[] {1, 2, 2, 1}, 2));
    }
}
