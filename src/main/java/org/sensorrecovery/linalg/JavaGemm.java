package org.sensorrecovery.linalg;

import java.util.Arrays;

/**
 * Plain Java kernel, the portable fallback when neither the native BLAS nor the Vector API kernel
 * ({@link VectorGemm}) is available. Register-blocked: each pass over a row of c adds four rows of
 * b (two rows of c share the loads of b), one load and one store of c per four multiply-adds.
 * C2 on Java 17 does not vectorize these chains (rows of one array at offsets it cannot compare),
 * so this is scalar code: 1.3-3x the speed of plain axpy loops (which C2 does vectorize, but which
 * load and store c once per multiply-add), a fifth to a quarter of the Vector API kernel's.
 */
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
        Arrays.fill(c, 0, m * n, 0.0);
        // Loop order: two rows i of c, four rows l of b, then j along the rows (contiguous).
        int i = 0;
        for (; i + 1 < m; i += 2) {
            int c0 = i * n;
            int a0 = i * p;
            int a1 = a0 + p;
            int l = 0;
            for (; l + 3 < p; l += 4) {
                addFourRows(b, l * n, n, a[a0 + l], a[a0 + l + 1], a[a0 + l + 2], a[a0 + l + 3],
                        a[a1 + l], a[a1 + l + 1], a[a1 + l + 2], a[a1 + l + 3], c, c0, c0 + n);
            }
            for (; l < p; l++) {
                addRow(b, l * n, n, a[a0 + l], c, c0);
                addRow(b, l * n, n, a[a1 + l], c, c0 + n);
            }
        }
        if (i < m) {
            for (int l = 0; l < p; l++) {
                addRow(b, l * n, n, a[i * p + l], c, i * n);
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
        // Loop order: four rows i of a and b, two rows l of c, then j along the rows (contiguous):
        // c[l, :] += sum over the four i of a[i, l] * b[i, :].
        int i = 0;
        for (; i + 3 < m; i += 4) {
            int b0 = i * n;
            int a0 = i * p;
            int a1 = a0 + p;
            int a2 = a1 + p;
            int a3 = a2 + p;
            int l = 0;
            for (; l + 1 < p; l += 2) {
                addFourRows(b, b0, n, a[a0 + l], a[a1 + l], a[a2 + l], a[a3 + l],
                        a[a0 + l + 1], a[a1 + l + 1], a[a2 + l + 1], a[a3 + l + 1], c, l * n, l * n + n);
            }
            if (l < p) {
                for (int q = 0; q < 4; q++) {
                    addRow(b, b0 + q * n, n, a[a0 + q * p + l], c, l * n);
                }
            }
        }
        for (; i < m; i++) {
            for (int l = 0; l < p; l++) {
                addRow(b, i * n, n, a[i * p + l], c, l * n);
            }
        }
    }

    /**
     * c[c0 + j] += x0 r0[j] + ... + x3 r3[j] and c[c1 + j] += y0 r0[j] + ... + y3 r3[j] for j < n,
     * where rq is the row of b starting at r + q n: each element of b is loaded once for eight fma.
     */
    private static void addFourRows(double[] b, int r, int n, double x0, double x1, double x2, double x3,
            double y0, double y1, double y2, double y3, double[] c, int c0, int c1) {
        int r1 = r + n;
        int r2 = r1 + n;
        int r3 = r2 + n;
        for (int j = 0; j < n; j++) {
            double b0 = b[r + j];
            double b1 = b[r1 + j];
            double b2 = b[r2 + j];
            double b3 = b[r3 + j];
            c[c0 + j] = Math.fma(x3, b3, Math.fma(x2, b2, Math.fma(x1, b1, Math.fma(x0, b0, c[c0 + j]))));
            c[c1 + j] = Math.fma(y3, b3, Math.fma(y2, b2, Math.fma(y1, b1, Math.fma(y0, b0, c[c1 + j]))));
        }
    }

    /** c[ci + j] += x b[r + j] for j < n. */
    private static void addRow(double[] b, int r, int n, double x, double[] c, int ci) {
        for (int j = 0; j < n; j++) {
            c[ci + j] = Math.fma(x, b[r + j], c[ci + j]);
        }
    }

    @Override
    public String name() {
        return "java";
    }
}
