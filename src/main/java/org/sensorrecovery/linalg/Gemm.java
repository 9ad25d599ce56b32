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
