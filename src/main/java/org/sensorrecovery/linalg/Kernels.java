package org.sensorrecovery.linalg;

/** Chooses the matrix-product kernel for this machine. */
public final class Kernels {

    private static final Gemm BEST = new JavaGemm();

    private Kernels() {
    }

    /** The fastest kernel available here. */
    public static Gemm best() {
        return BEST;
    }
}
