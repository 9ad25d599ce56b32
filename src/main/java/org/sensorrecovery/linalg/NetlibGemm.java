package org.sensorrecovery.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * The system's BLAS through dev.ludovic.netlib's JNI binding (on Debian: OpenBLAS, package
 * libopenblas0-pthread, via the libblas.so.3 alternative). Row-major products map onto
 * column-major dgemm by transposition: C = A B is C^T = B^T A^T.
 *
 * <p>On an OpenBLAS with more than one core, products are split into row blocks of a, run by
 * {@link RowBlocks} on this thread and helpers, each block one single-threaded dgemm; OpenBLAS's
 * own threads are turned off. A block's row arithmetic (the rank-one norms, the row scaling) runs
 * in the same pass while its rows are in cache, and a thread that finds the other core busy takes
 * the blocks itself instead of waiting for it. a^T b adds its blocks' partial products in block
 * order, so the result does not depend on which thread ran which block.
 */
public final class NetlibGemm implements Gemm {

    /** Below this many flops a product is one dgemm on the caller: waking a helper would cost more. */
    static final long SPLIT_FLOPS = 1_000_000;
    /** Least work per row block. */
    private static final long BLOCK_FLOPS = 500_000;

    private static RowBlocks shared;

    private final BLAS blas;
    private final String name;
    /** Null when OpenBLAS threads its own products (or there is one core). */
    private final RowBlocks blocks;
    private final Product product = new Product();
    private final TransposeProduct transposeProduct = new TransposeProduct();
    private final Solve solve = new Solve();

    private NetlibGemm(BLAS blas, String name, RowBlocks blocks) {
        this.blas = blas;
        this.name = name;
        this.blocks = blocks;
    }

    /**
     * The native BLAS if it loads on this machine, products split into row blocks on all cores.
     *
     * @throws RuntimeException or LinkageError when there is no usable native BLAS
     */
    public static NetlibGemm load() {
        return load(true);
    }

    /**
     * @param rowBlocks split products into row blocks on this machine's cores (when the BLAS is an
     *                  OpenBLAS whose threads can be turned off); false: one dgemm per product,
     *                  threaded as the BLAS does it
     */
    static NetlibGemm load(boolean rowBlocks) {
        BLAS blas = NativeBLAS.getInstance();
        String library = System.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3");
        String kernel = OpenBlasCore.loadedCoreName(library).map(c -> "native-blas (OpenBLAS " + c)
                .orElse("native-blas (");
        int cores = Math.min(Runtime.getRuntime().availableProcessors(), RowBlocks.MAX_THREADS);
        if (rowBlocks && cores > 1 && OpenBlasCore.setThreads(library, 1)) {
            return new NetlibGemm(blas, kernel + ", " + cores + " row-block threads)", sharedBlocks(cores - 1));
        }
        return new NetlibGemm(blas, kernel.endsWith("(") ? "native-blas" : kernel + ")", null);
    }

    /** One set of helper threads per process, however many times the BLAS is loaded. */
    private static synchronized RowBlocks sharedBlocks(int helpers) {
        if (shared == null) {
            shared = new RowBlocks(helpers);
        }
        return shared;
    }

    @Override
    public void multiply(double[] a, int m, int p, double[] b, int n, double[] c) {
        if (m == 0 || n == 0) {
            return;
        }
        if (p == 0) {
            java.util.Arrays.fill(c, 0, m * n, 0.0);
            return;
        }
        product(a, m, p, b, n, c, null);
    }

    @Override
    public void multiplyRowNorms(double[] a, int m, int p, double[] b, int n, double[] c, double[] norms) {
        if (m == 0 || n == 0 || p == 0) {
            Gemm.super.multiplyRowNorms(a, m, p, b, n, c, norms);
            return;
        }
        product(a, m, p, b, n, c, norms);
    }

    @Override
    public void multiplyTransposeA(double[] a, int m, int p, double[] b, int n, double[] c) {
        if (p == 0 || n == 0) {
            return;
        }
        if (m == 0) {
            java.util.Arrays.fill(c, 0, p * n, 0.0);
            return;
        }
        transposeProduct(a, m, p, null, b, n, null, c);
    }

    @Override
    public void multiplyTransposeAScaled(double[] a, int m, int p, double[] w, double[] b, int n, double[] scaled,
            double[] c) {
        if (m == 0 || n == 0 || p == 0) {
            Gemm.super.multiplyTransposeAScaled(a, m, p, w, b, n, scaled, c);
            return;
        }
        transposeProduct(a, m, p, w, b, n, scaled, c);
    }

    /** Each row of g is its own solve: split into row blocks like a product. */
    @Override
    public void solveRightCholesky(double[] g, int d, int k, double[] chol) {
        if (d == 0 || k == 0) {
            return;
        }
        int count = blockCount(d, 2L * d * k * k);
        if (count == 1) {
            solveRows(g, k, chol, 0, d);
            return;
        }
        synchronized (blocks) {
            solve.g = g;
            solve.k = k;
            solve.chol = chol;
            solve.rows = d;
            solve.count = count;
            blocks.run(solve);
            solve.g = null;
            solve.chol = null;
        }
    }

    /**
     * Rows [from, to) of g: row-major g is G^T column-major, and the row-major lower L is the
     * column-major upper U = L^T: x L L^T = g is U^T U X^T = G^T, two triangular solves (dtrsm) from the left.
     */
    private void solveRows(double[] g, int k, double[] chol, int from, int to) {
        blas.dtrsm("L", "U", "T", "N", k, to - from, 1.0, chol, 0, k, g, from * k, k);
        blas.dtrsm("L", "U", "N", "N", k, to - from, 1.0, chol, 0, k, g, from * k, k);
    }

    @Override
    public String name() {
        return name;
    }

    /** How many row blocks a product of m rows and this many flops is split into (1: not split). */
    private int blockCount(int m, long flops) {
        if (blocks == null || flops < SPLIT_FLOPS) {
            return 1;
        }
        return (int) Math.max(1, Math.min(Math.min(flops / BLOCK_FLOPS, 4L * blocks.threads()), m));
    }

    private void product(double[] a, int m, int p, double[] b, int n, double[] c, double[] norms) {
        int count = blockCount(m, 2L * m * p * n);
        if (count == 1) {
            productRows(a, p, b, n, c, norms, 0, m);
            return;
        }
        synchronized (blocks) {
            product.set(a, p, b, n, c, norms);
            product.rows = m;
            product.count = count;
            blocks.run(product);
            product.set(null, 0, null, 0, null, null);
        }
    }

    /** Rows [from, to) of c = a b, and their squared norms when norms is not null. */
    private void productRows(double[] a, int p, double[] b, int n, double[] c, double[] norms, int from, int to) {
        blas.dgemm("N", "N", n, to - from, p, 1.0, b, 0, n, a, from * p, p, 0.0, c, from * n, n);
        if (norms != null) {
            RowArithmetic.squaredNorms(c, from, to, n, norms);
        }
    }

    /** out[offset ..] = a[from .. to)^T (w .* b)[from .. to), scaled holding w .* b's rows; w null: b. */
    private void transposeRows(double[] a, int p, double[] w, double[] b, int n, double[] scaled, int from, int to,
            double[] out, int offset) {
        double[] src = b;
        if (w != null) {
            RowArithmetic.scaleRows(w, b, from, to, n, scaled);
            src = scaled;
        }
        blas.dgemm("N", "T", n, p, to - from, 1.0, src, from * n, n, a, from * p, p, 0.0, out, offset, n);
    }

    private void transposeProduct(double[] a, int m, int p, double[] w, double[] b, int n, double[] scaled,
            double[] c) {
        int count = blockCount(m, 2L * m * p * n);
        if (count == 1) {
            transposeRows(a, p, w, b, n, scaled, 0, m, c, 0);
            return;
        }
        synchronized (blocks) {
            TransposeProduct job = transposeProduct;
            job.set(a, p, w, b, n, scaled, c, count);
            job.rows = m;
            job.count = count;
            blocks.run(job);
            job.addPartials();
        }
    }

    /** c = a b (and the rows' squared norms), one row block of a and c per block. */
    private final class Product extends RowBlocks.Job {
        private double[] a;
        private double[] b;
        private double[] c;
        private double[] norms;
        private int p;
        private int n;

        void set(double[] a, int p, double[] b, int n, double[] c, double[] norms) {
            this.a = a;
            this.p = p;
            this.b = b;
            this.n = n;
            this.c = c;
            this.norms = norms;
        }

        @Override
        void block(int index, int from, int to) {
            productRows(a, p, b, n, c, norms, from, to);
        }
    }

    /** c = a^T (w .* b): block 0 writes c, block j &gt; 0 its partial product, added to c in block order. */
    private final class TransposeProduct extends RowBlocks.Job {
        private double[] a;
        private double[] w;
        private double[] b;
        private double[] scaled;
        private double[] c;
        /** Partial products of blocks 1 .. count - 1, p x n each; grows, never shrinks. */
        private double[] partials = new double[0];
        private int p;
        private int n;

        void set(double[] a, int p, double[] w, double[] b, int n, double[] scaled, double[] c, int count) {
            this.a = a;
            this.p = p;
            this.w = w;
            this.b = b;
            this.n = n;
            this.scaled = scaled;
            this.c = c;
            int need = Math.multiplyExact(count - 1, p * n);
            if (partials.length < need) {
                partials = new double[need];
            }
        }

        @Override
        void block(int index, int from, int to) {
            double[] out = index == 0 ? c : partials;
            transposeRows(a, p, w, b, n, scaled, from, to, out, index == 0 ? 0 : (index - 1) * p * n);
        }

        void addPartials() {
            int size = p * n;
            for (int j = 1; j < count; j++) {
                int offset = (j - 1) * size;
                for (int i = 0; i < size; i++) {
                    c[i] += partials[offset + i];
                }
            }
            a = null;
            w = null;
            b = null;
            scaled = null;
            c = null;
        }
    }

    /** x L L^T = g in place, one row block of g per block. */
    private final class Solve extends RowBlocks.Job {
        private double[] g;
        private double[] chol;
        private int k;

        @Override
        void block(int index, int from, int to) {
            solveRows(g, k, chol, from, to);
        }
    }
}
