package org.sensorrecovery.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every kernel against a naive triple loop, on odd shapes and on arrays longer than needed. */
class GemmTest {

    private static List<Gemm> kernels() {
        List<Gemm> ks = new ArrayList<>();
        ks.add(new JavaGemm());
        ks.add(Kernels.bestJava());
        ks.add(Kernels.best());
        try {
            ks.add(NetlibGemm.load());
        } catch (RuntimeException | LinkageError e) {
            // No native BLAS on this machine: the Java kernel is what runs.
        }
        return ks;
    }

    @Test
    void theCholeskySolveOfEveryKernelRebuildsTheRightHandSide() {
        Random rnd = new Random(13);
        for (Gemm kernel : kernels()) {
            for (int[] s : new int[][] {{1, 1}, {6, 9}, {100, 40}, {3, 100}, {2000, 40}}) {
                int d = s[0];
                int k = s[1];
                double[] p = new double[k * k];
                double[] f = random(k * k, rnd);
                new JavaGemm().multiplyTransposeA(f, k, k, f, k, p);
                for (int a = 0; a < k; a++) {
                    p[a * k + a] += k;
                }
                double[] chol = p.clone();
                assertTrue(SmallDense.cholesky(chol, k));
                double[] g = random(d * k, rnd);
                double[] x = g.clone();
                kernel.solveRightCholesky(x, d, k, chol);
                double[] back = new double[d * k];
                new JavaGemm().multiply(x, d, k, p, k, back);
                for (int i = 0; i < d * k; i++) {
                    assertEquals(g[i], back[i], 1e-9 * (1 + Math.abs(g[i])), kernel.name() + " d=" + d + " k=" + k);
                }
            }
        }
    }

    @Test
    void productsMatchTheNaiveLoopOnAllShapes() {
        Random rnd = new Random(12);
        int[][] shapes = {{1, 1, 1}, {7, 5, 3}, {13, 1, 4}, {9, 6, 1}, {3, 8, 2}, {64, 33, 17}, {0, 4, 3}, {5, 4, 7},
            // Vector API tiles (4 rows x 2 vectors) and their overlapping last row and column tiles; transposeA's row blocks.
            {4, 4, 16}, {37, 9, 35}, {6, 5, 33}, {300, 7, 40}, {21, 100, 50}};
        for (Gemm k : kernels()) {
            for (int[] s : shapes) {
                int m = s[0];
                int p = s[1];
                int n = s[2];
                double[] a = random(m * p + 5, rnd);
                double[] b = random(p * n + 3, rnd);
                double[] c = random(m * n + 2, rnd);
                double tail = c[m * n];
                k.multiply(a, m, p, b, n, c);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double e = 0;
                        for (int l = 0; l < p; l++) {
                            e += a[i * p + l] * b[l * n + j];
                        }
                        assertEquals(e, c[i * n + j], 1e-12 * (1 + Math.abs(e)), k.name() + " multiply " + m + "x" + p + "x" + n);
                    }
                }
                assertEquals(tail, c[m * n], k.name() + " wrote past the output");
                double[] bt = random(m * n + 3, rnd);
                double[] t = random(p * n + 2, rnd);
                k.multiplyTransposeA(a, m, p, bt, n, t);
                for (int l = 0; l < p; l++) {
                    for (int j = 0; j < n; j++) {
                        double e = 0;
                        for (int i = 0; i < m; i++) {
                            e += a[i * p + l] * bt[i * n + j];
                        }
                        assertEquals(e, t[l * n + j], 1e-12 * (1 + Math.abs(e)), k.name() + " transposeA " + m + "x" + p + "x" + n);
                    }
                }
            }
        }
    }

    @Test
    void rowBlockProductsAndTheirRowArithmeticMatchTheNaiveLoop() {
        Random rnd = new Random(14);
        // Above NetlibGemm.SPLIT_FLOPS: split into row blocks where the native BLAS runs them (2 to 8 blocks here).
        int[][] shapes = {{1000, 60, 40}, {2003, 50, 51}, {9, 700, 400}};
        for (Gemm k : kernels()) {
            for (int[] s : shapes) {
                int m = s[0];
                int p = s[1];
                int n = s[2];
                double[] a = random(m * p, rnd);
                double[] b = random(p * n, rnd);
                double[] c = new double[m * n];
                double[] norms = new double[m];
                k.multiplyRowNorms(a, m, p, b, n, c, norms);
                String where = k.name() + " " + m + "x" + p + "x" + n;
                for (int i = 0; i < m; i++) {
                    double sq = 0;
                    for (int j = 0; j < n; j++) {
                        double e = 0;
                        for (int l = 0; l < p; l++) {
                            e += a[i * p + l] * b[l * n + j];
                        }
                        assertEquals(e, c[i * n + j], 1e-12 * (1 + Math.abs(e)), where + " multiply");
                        sq += e * e;
                    }
                    assertEquals(sq, norms[i], 1e-12 * (1 + sq), where + " row norms");
                }
                double[] w = random(m, rnd);
                double[] bt = random(m * n, rnd);
                double[] scaled = new double[m * n];
                double[] t = new double[p * n];
                k.multiplyTransposeAScaled(a, m, p, w, bt, n, scaled, t);
                for (int l = 0; l < p; l++) {
                    for (int j = 0; j < n; j++) {
                        double e = 0;
                        for (int i = 0; i < m; i++) {
                            e += a[i * p + l] * w[i] * bt[i * n + j];
                        }
                        assertEquals(e, t[l * n + j], 1e-11 * (1 + Math.abs(e)), where + " transposeA scaled");
                    }
                }
                double[] again = new double[p * n];
                k.multiplyTransposeA(a, m, p, scaled, n, again);
                for (int i = 0; i < p * n; i++) {
                    assertEquals(t[i], again[i], where + ": the same blocks in the same order give the same bits");
                }
            }
        }
    }

    @Test
    void theVectorKernelIsTheJavaKernelWhenItsModuleIsAdded() {
        boolean added = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(added, Kernels.bestJava().name().startsWith("java-vector"), Kernels.bestJava().name());
    }

    @Test
    void theChosenKernelPassedItsSelfCheck() {
        assertTrue(Kernels.agrees(Kernels.best(), new JavaGemm()));
    }

    private static double[] random(int n, Random rnd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }
}
