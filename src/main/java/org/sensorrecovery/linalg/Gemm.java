package org.sensorrecovery.linalg;

/**
 * Dense matrix products on flat row-major {@code double[]}, output passed in (EJML's convention).
 * The seam where a faster kernel (native BLAS, a blocked Java kernel) replaces another.
 * Implementations keep no per-call state and allocate nothing per call.
 */
public interface Gemm {

    /**
     * c = a * b.
     *
     * @param a m x p, row-major
     * @param b p x n, row-major
     * @param c m x n, row-major. Overwritten.
     */
    void multiply(double[] a, int m, int p, double[] b, int n, double[] c);

    /**
     * c = a^T * b.
     *
     * @param a m x p, row-major
     * @param b m x n, row-major
     * @param c p x n, row-major. Overwritten.
     */
    void multiplyTransposeA(double[] a, int m, int p, double[] b, int n, double[] c);

    /**
     * c = a * b and norms_i = ||c_i||^2 (rank-one predictions: ||U^T a_i||^2 with a's rows a_i^T),
     * in one pass where the kernel can: each row block's norms while its rows are in cache.
     *
     * @param c m x n, row-major. Overwritten.
     * @param norms at least m. Overwritten.
     */
    default void multiplyRowNorms(double[] a, int m, int p, double[] b, int n, double[] c, double[] norms) {
        multiply(a, m, p, b, n, c);
        RowArithmetic.squaredNorms(c, 0, m, n, norms);
    }

    /**
     * c = a^T * (w .* b), row i of b scaled by w_i (the rank-one gradient sum_i w_i a_i (U^T a_i)^T).
     *
     * @param a m x p, row-major
     * @param w at least m weights
     * @param b m x n, row-major
     * @param scaled m x n workspace. Overwritten with w .* b.
     * @param c p x n, row-major. Overwritten.
     */
    default void multiplyTransposeAScaled(double[] a, int m, int p, double[] w, double[] b, int n, double[] scaled,
            double[] c) {
        RowArithmetic.scaleRows(w, b, 0, m, n, scaled);
        multiplyTransposeA(a, m, p, scaled, n, c);
    }

    /**
     * Solves x (L L^T) = g for x in place (the preconditioner's right solve).
     *
     * @param g d x k, row-major. Modified: each row is replaced by the row of x.
     * @param chol k x k with the Cholesky factor L in its lower triangle (the upper is not read)
     */
    default void solveRightCholesky(double[] g, int d, int k, double[] chol) {
        SmallDense.solveRight(g, d, k, chol);
    }

    /** A short name for logs and benchmarks. */
    String name();
}
