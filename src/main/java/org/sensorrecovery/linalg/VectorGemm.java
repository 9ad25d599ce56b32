package org.sensorrecovery.linalg;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Pure-Java kernel on the JDK's Vector API (incubating in Java 17: the JVM needs
 * {@code --add-modules jdk.incubator.vector}, which deploy/jvm.options carries; without it
 * {@link Kernels} never loads this class). A 4 x 2-vector tile of c stays in registers while the
 * whole inner dimension streams past: per step two vector loads and four broadcasts feed eight
 * fma, about five times {@link JavaGemm}'s speed. Products narrower than two vectors or shorter
 * than four rows go to {@link JavaGemm}.
 */
final class VectorGemm implements Gemm {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int W = 2 * L;
    private static final int ROWS = 4;
    /** Rows of a and b per pass in multiplyTransposeA: both blocks stay in L2 while c's tiles sweep them. */
    private static final int BLOCK = 256;

    /** FROM_LANE[W - s + q] is whether lane q of a tile is at or after lane s: masks as loads, not computed. */
    private static final boolean[] FROM_LANE = new boolean[2 * W];

    static {
        java.util.Arrays.fill(FROM_LANE, W, 2 * W, true);
    }

    private final JavaGemm narrow = new JavaGemm();

    /** Whether this JVM resolved the Vector API module (java --add-modules jdk.incubator.vector). */
    static boolean available() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    @Override
    public void multiply(double[] a, int m, int p, double[] b, int n, double[] c) {
        if (m < ROWS || n < W) {
            narrow.multiply(a, m, p, b, n, c);
            return;
        }
        // Tiles cover c; the last row and column tiles are moved back to fit and overlap their
        // neighbours, recomputing the same sums in the same order (the same bits): no scalar edges.
        for (int i = 0; i < m; i += ROWS) {
            int ti = Math.min(i, m - ROWS);
            for (int j = 0; j < n; j += W) {
                productTile(a, p, b, n, c, ti, Math.min(j, n - W));
            }
        }
    }

    /** c[i .. i+3, j .. j+W-1] = a[i .. i+3, :] b[:, j .. j+W-1]. */
    private static void productTile(double[] a, int p, double[] b, int n, double[] c, int i, int j) {
        int a0 = i * p;
        int a1 = a0 + p;
        int a2 = a1 + p;
        int a3 = a2 + p;
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        for (int l = 0; l < p; l++) {
            int bl = l * n + j;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bl);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bl + L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + l]);
            c00 = x.lanewise(VectorOperators.FMA, b0, c00);
            c01 = x.lanewise(VectorOperators.FMA, b1, c01);
            x = DoubleVector.broadcast(S, a[a1 + l]);
            c10 = x.lanewise(VectorOperators.FMA, b0, c10);
            c11 = x.lanewise(VectorOperators.FMA, b1, c11);
            x = DoubleVector.broadcast(S, a[a2 + l]);
            c20 = x.lanewise(VectorOperators.FMA, b0, c20);
            c21 = x.lanewise(VectorOperators.FMA, b1, c21);
            x = DoubleVector.broadcast(S, a[a3 + l]);
            c30 = x.lanewise(VectorOperators.FMA, b0, c30);
            c31 = x.lanewise(VectorOperators.FMA, b1, c31);
        }
        int ci = i * n + j;
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, ci + n);
        c11.intoArray(c, ci + n + L);
        c20.intoArray(c, ci + 2 * n);
        c21.intoArray(c, ci + 2 * n + L);
        c30.intoArray(c, ci + 3 * n);
        c31.intoArray(c, ci + 3 * n + L);
    }

    @Override
    public void multiplyTransposeA(double[] a, int m, int p, double[] b, int n, double[] c) {
        if (p < ROWS || n < W) {
            narrow.multiplyTransposeA(a, m, p, b, n, c);
            return;
        }
        Arrays.fill(c, 0, p * n, 0.0);
        // Loop order: blocks of rows i of a and b; tiles of c (4 rows l, W columns j); rows i of the block.
        // The last tiles overlap their neighbours: they add only the rows and lanes not yet added.
        for (int i0 = 0; i0 < m; i0 += BLOCK) {
            int i1 = Math.min(m, i0 + BLOCK);
            for (int l = 0; l < p; l += ROWS) {
                int tl = Math.min(l, p - ROWS);
                for (int j = 0; j < n; j += W) {
                    int tj = Math.min(j, n - W);
                    sumTile(a, p, b, n, c, i0, i1, tl, l - tl, tj, j - tj);
                }
            }
        }
    }

    /**
     * c[l .. l+3, j .. j+W-1] += a[i0 .. i1-1, l .. l+3]^T b[i0 .. i1-1, j .. j+W-1], except the first
     * skipRows rows and skipLanes columns of the tile (already added by the previous tile).
     */
    private static void sumTile(double[] a, int p, double[] b, int n, double[] c, int i0, int i1, int l,
            int skipRows, int j, int skipLanes) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        for (int i = i0; i < i1; i++) {
            int bi = i * n + j;
            int ai = i * p + l;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector x = DoubleVector.broadcast(S, a[ai]);
            c00 = x.lanewise(VectorOperators.FMA, b0, c00);
            c01 = x.lanewise(VectorOperators.FMA, b1, c01);
            x = DoubleVector.broadcast(S, a[ai + 1]);
            c10 = x.lanewise(VectorOperators.FMA, b0, c10);
            c11 = x.lanewise(VectorOperators.FMA, b1, c11);
            x = DoubleVector.broadcast(S, a[ai + 2]);
            c20 = x.lanewise(VectorOperators.FMA, b0, c20);
            c21 = x.lanewise(VectorOperators.FMA, b1, c21);
            x = DoubleVector.broadcast(S, a[ai + 3]);
            c30 = x.lanewise(VectorOperators.FMA, b0, c30);
            c31 = x.lanewise(VectorOperators.FMA, b1, c31);
        }
        // Lanes at or after skipLanes of the tile: of the first vector, then of the second.
        VectorMask<Double> m0 = VectorMask.fromArray(S, FROM_LANE, W - skipLanes);
        VectorMask<Double> m1 = VectorMask.fromArray(S, FROM_LANE, W - skipLanes + L);
        int cl = l * n + j;
        if (skipRows <= 0) {
            addInto(c, cl, c00, c01, m0, m1);
        }
        if (skipRows <= 1) {
            addInto(c, cl + n, c10, c11, m0, m1);
        }
        if (skipRows <= 2) {
            addInto(c, cl + 2 * n, c20, c21, m0, m1);
        }
        addInto(c, cl + 3 * n, c30, c31, m0, m1);
    }

    private static void addInto(double[] c, int offset, DoubleVector v0, DoubleVector v1, VectorMask<Double> m0,
            VectorMask<Double> m1) {
        DoubleVector.fromArray(S, c, offset).add(v0, m0).intoArray(c, offset);
        DoubleVector.fromArray(S, c, offset + L).add(v1, m1).intoArray(c, offset + L);
    }

    @Override
    public String name() {
        return "java-vector (" + S.vectorBitSize() + "-bit)";
    }
}
