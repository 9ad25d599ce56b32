package org.sensorrecovery.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Householder thin QR: q r = a, q^T q = I and r upper triangular, also for an ill-conditioned a. */
class ThinQrTest {

    @Test
    void factorsAnIllConditionedTallMatrixWithOrthonormalColumns() {
        int m = 30;
        int n = 6;
        Random rnd = new Random(2);
        double[] a = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < n; c++) {
                // Column scales 1 .. 1e-10: Cholesky QR would lose orthogonality at cond^2 = 1e20.
                a[i * n + c] = rnd.nextGaussian() * Math.pow(1e-2, c);
            }
        }
        double[] q = new double[m * n];
        double[] r = new double[n * n];
        ThinQr.decompose(a, m, n, q, r);
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < n; c++) {
                double s = 0;
                for (int t = 0; t <= c; t++) {
                    s += q[i * n + t] * r[t * n + c];
                }
                assertEquals(a[i * n + c], s, 1e-14, "q r at " + i + ", " + c);
            }
        }
        for (int x = 0; x < n; x++) {
            for (int y = 0; y < n; y++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += q[i * n + x] * q[i * n + y];
                }
                assertEquals(x == y ? 1.0 : 0.0, s, 1e-13, "q^T q at " + x + ", " + y);
            }
            for (int y = 0; y < x; y++) {
                assertEquals(0.0, r[x * n + y], "r below the diagonal");
            }
        }
    }

    @Test
    void aWideMatrixIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ThinQr.decompose(new double[6], 2, 3, new double[6], new double[9]));
    }
}
