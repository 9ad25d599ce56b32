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

    /** A short name for logs and benchmarks. */
    String name();
}
