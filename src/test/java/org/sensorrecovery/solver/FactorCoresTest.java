package org.sensorrecovery.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.testing.Problems;
import org.sensorrecovery.testing.RectangularProblems;

/**
 * The k x k side of U V^T: singular values from the cores, the balanced truncation and the SVD of
 * the estimate, against a product with known singular values (U = P S^a, V = Q S^(1-a) with P and Q
 * orthonormal: deliberately unbalanced factors).
 */
class FactorCoresTest {

    private static final int ROWS = 9;
    private static final int COLS = 7;
    private static final int K = 4;
    private static final double[] SIGMA = {3.0, 1.0, 0.2, 1e-3};

    private final double[] u = new double[ROWS * K];
    private final double[] v = new double[COLS * K];

    FactorCoresTest() {
        Random rnd = new Random(8);
        double[][] p = org.sensorrecovery.simulate.SimulatedArray.orthonormal(K, ROWS, rnd);
        double[][] q = org.sensorrecovery.simulate.SimulatedArray.orthonormal(K, COLS, rnd);
        for (int c = 0; c < K; c++) {
            for (int i = 0; i < ROWS; i++) {
                u[i * K + c] = p[c][i] * Math.pow(SIGMA[c], 0.8);
            }
            for (int j = 0; j < COLS; j++) {
                v[j * K + c] = q[c][j] * Math.pow(SIGMA[c], 0.2);
            }
        }
    }

    @Test
    void singularValuesComeFromTheCoresWithoutFormingTheProduct() {
        FactorCores cores = new FactorCores(K, Kernels.best());
        assertTrue(cores.singularValues(u, ROWS, v, COLS, K));
        for (int j = 0; j < K; j++) {
            assertEquals(SIGMA[j], cores.values()[j], 1e-12 * SIGMA[0], "sigma " + j);
        }
    }

    @Test
    void truncationKeepsTheTopTripletsInBalancedFactors() {
        FactorCores cores = new FactorCores(K, Kernels.best());
        int target = 2;
        double[] nu = new double[ROWS * target];
        double[] nv = new double[COLS * target];
        assertTrue(cores.truncate(u, ROWS, v, COLS, K, target, nu, nv));
        // U'^T U' = V'^T V' = diag(sigma_1, sigma_2): the imbalance of the input is gone.
        for (int a = 0; a < target; a++) {
            for (int b = 0; b < target; b++) {
                double gu = 0;
                double gv = 0;
                for (int i = 0; i < ROWS; i++) {
                    gu += nu[i * target + a] * nu[i * target + b];
                }
                for (int i = 0; i < COLS; i++) {
                    gv += nv[i * target + a] * nv[i * target + b];
                }
                double expected = a == b ? SIGMA[a] : 0.0;
                assertEquals(expected, gu, 1e-12, "U'^T U' at " + a + ", " + b);
                assertEquals(expected, gv, 1e-12, "V'^T V' at " + a + ", " + b);
            }
        }
        double[] full = RectangularProblems.product(u, ROWS, v, COLS, K);
        double[] kept = RectangularProblems.product(nu, ROWS, nv, COLS, target);
        double dropped = Math.sqrt(SIGMA[2] * SIGMA[2] + SIGMA[3] * SIGMA[3]);
        double norm = Math.sqrt(SIGMA[0] * SIGMA[0] + SIGMA[1] * SIGMA[1] + dropped * dropped);
        assertEquals(dropped / norm, Problems.relativeError(kept, full), 1e-12);
    }

    @Test
    void theEstimateIsTheSvdOfTheProduct() {
        FactorSvd svd = FactorSvd.of(u, ROWS, v, COLS, K);
        assertArrayEquals(SIGMA, svd.values(), 1e-12 * SIGMA[0]);
        double[][] left = svd.left();
        double[][] right = svd.right();
        for (int a = 0; a < K; a++) {
            for (int b = 0; b < K; b++) {
                assertEquals(a == b ? 1.0 : 0.0, dot(left[a], left[b]), 1e-12, "left " + a + ", " + b);
                assertEquals(a == b ? 1.0 : 0.0, dot(right[a], right[b]), 1e-9, "right " + a + ", " + b);
            }
        }
        SvdEstimate e = new SvdEstimate(ROWS, COLS, K, svd.values(), left, right, 0, 0, 0, K, 0, Loss.L2, -1, List.of(),
                Double.NaN);
        double[] full = RectangularProblems.product(u, ROWS, v, COLS, K);
        assertTrue(Problems.relativeError(e.matrix(), full) < 1e-12, "error " + Problems.relativeError(e.matrix(), full));
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
