package org.sensorrecovery.linalg;

import java.util.Arrays;

/** Plain Java kernel: row-by-row axpy loops that C2 vectorizes. The portable fallback. */
public final class JavaGemm implements Gemm {

    @Override
    public void multiply(double[] a, int m, int p, double[] b, int n, double[] c) {
        if (n == 1) {
            // Matrix-vector: one dot product per row.
            for (int i = 0; i < m; i++) {
                int ai = i * p;
                double s = 0.0;
                for (int l = 0; l < p; l++) {
                    s += a[ai + l] * b[l];
                }
                c[i] = s;
            }
            return;
        }
        // Loop order i, l, j: the inner loop walks a row of b and a row of c contiguously.
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            Arrays.fill(c, ci, ci + n, 0.0);
            int ai = i * p;
            for (int l = 0; l < p; l++) {
                double ail = a[ai + l];
                if (ail == 0.0) {
                    continue;
                }
                int bl = l * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += ail * b[bl + j];
                }
            }
        }
    }

    @Override
    public void multiplyTransposeA(double[] a, int m, int p, double[] b, int n, double[] c) {
        Arrays.fill(c, 0, p * n, 0.0);
        if (n == 1) {
            // Transposed matrix-vector: one axpy per row of a.
            for (int i = 0; i < m; i++) {
                int ai = i * p;
                double bi = b[i];
                for (int l = 0; l < p; l++) {
                    c[l] += bi * a[ai + l];
                }
            }
            return;
        }
        // Loop order i, l, j: one rank-one update of c per row of a and b.
        for (int i = 0; i < m; i++) {
            int ai = i * p;
            int bi = i * n;
            for (int l = 0; l < p; l++) {
                double ail = a[ai + l];
                if (ail == 0.0) {
                    continue;
                }
                int cl = l * n;
                for (int j = 0; j < n; j++) {
                    c[cl + j] += ail * b[bi + j];
                }
            }
        }
    }

    @Override
    public String name() {
        return "java";
    }
}
