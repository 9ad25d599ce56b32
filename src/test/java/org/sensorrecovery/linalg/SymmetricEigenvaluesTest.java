package org.sensorrecovery.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Eigenvalues-only against Commons Math's full decomposition. Fixed seeds. */
class SymmetricEigenvaluesTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 50, 100})
    void randomSymmetricMatricesHaveCommonsMathsEigenvalues(int n) {
        Random rnd = new Random(n);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i * n + j] = a[j * n + i] = rnd.nextGaussian();
            }
        }
        assertSameAsCommonsMath(a, n);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 33, 100})
    void decomposeGivesOrthonormalEigenvectorsOfTheSameEigenvalues(int n) {
        Random rnd = new Random(100 + n);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i * n + j] = a[j * n + i] = rnd.nextGaussian();
            }
        }
        double[] onlyValues = new double[n];
        assertTrue(SymmetricEigenvalues.compute(a.clone(), n, onlyValues, new double[n]));
        double[] q = a.clone();
        double[] values = new double[n];
        assertTrue(SymmetricEigenvalues.decompose(q, n, values, new double[n]));
        double scale = Math.max(Math.abs(values[0]), Math.abs(values[n - 1]));
        for (int j = 0; j < n; j++) {
            assertEquals(onlyValues[j], values[j], 1e-12 * scale, "eigenvalue " + j);
            for (int i = 0; i < n; i++) {
                double av = 0.0;
                for (int l = 0; l < n; l++) {
                    av += a[i * n + l] * q[l * n + j];
                }
                assertEquals(values[j] * q[i * n + j], av, 1e-11 * scale, "A v = lambda v, vector " + j);
            }
            for (int k = 0; k <= j; k++) {
                double dot = 0.0;
                for (int i = 0; i < n; i++) {
                    dot += q[i * n + j] * q[i * n + k];
                }
                assertEquals(j == k ? 1.0 : 0.0, dot, 1e-12, "q_" + j + " . q_" + k);
            }
        }
    }

    @Test
    void aRankDeficientGramMatrixKeepsItsZeroEigenvalues() {
        int d = 40;
        int k = 30;
        Random rnd = new Random(3);
        double[] u = new double[d * k];
        for (int i = 0; i < d; i++) {
            for (int c = 0; c < 4; c++) {
                u[i * k + c] = rnd.nextGaussian();
            }
            for (int c = 4; c < k; c++) {
                u[i * k + c] = 1e-4 * rnd.nextGaussian();
            }
        }
        double[] gram = new double[k * k];
        SmallDense.gram(u, d, k, gram);
        double[] values = assertSameAsCommonsMath(gram, k);
        assertTrue(values[3] / values[4] > 1e6, "the gap between signal and small columns survives");
    }

    @Test
    void aDiagonalMatrixGivesItsDiagonalSorted() {
        double[] a = {2, 0, 0, 0, -1, 0, 0, 0, 5};
        double[] values = new double[3];
        assertTrue(SymmetricEigenvalues.compute(a, 3, values, new double[3]));
        assertEquals(5.0, values[0], 0.0);
        assertEquals(2.0, values[1], 0.0);
        assertEquals(-1.0, values[2], 0.0);
    }

    private static double[] assertSameAsCommonsMath(double[] a, int n) {
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(a, i * n, i * n + n);
        }
        double[] expected = new EigenDecomposition(new Array2DRowRealMatrix(rows)).getRealEigenvalues().clone();
        Arrays.sort(expected);
        double[] values = new double[n];
        assertTrue(SymmetricEigenvalues.compute(a.clone(), n, values, new double[n]));
        double norm = Math.max(Math.abs(expected[0]), Math.abs(expected[n - 1]));
        for (int i = 0; i < n; i++) {
            // Backward-stable both: agreement to a few ulps of the largest eigenvalue.
            assertEquals(expected[n - 1 - i], values[i], 1e-12 * norm, "eigenvalue " + i);
        }
        return values;
    }
}
