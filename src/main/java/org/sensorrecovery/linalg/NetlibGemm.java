package org.sensorrecovery.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;

/**
 * The system's BLAS through dev.ludovic.netlib's JNI binding (on Debian: OpenBLAS, package
 * libopenblas0-pthread, via the libblas.so.3 alternative). Row-major products map onto
 * column-major dgemm by transposition: C = A B is C^T = B^T A^T.
 */
public final class NetlibGemm implements Gemm {

    private final BLAS blas;
    private final String name;

    private NetlibGemm(BLAS blas, String name) {
        this.blas = blas;
        this.name = name;
    }

    /**
     * The native BLAS if it loads on this machine.
     *
     * @throws RuntimeException or LinkageError when there is no usable native BLAS
     */
    public static NetlibGemm load() {
        BLAS blas = NativeBLAS.getInstance();
        String library = System.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3");
        return new NetlibGemm(blas, OpenBlasCore.loadedCoreName(library).map(c -> "native-blas (OpenBLAS " + c + ")")
                .orElse("native-blas"));
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
        blas.dgemm("N", "N", n, m, p, 1.0, b, n, a, p, 0.0, c, n);
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
        blas.dgemm("N", "T", n, p, m, 1.0, b, n, a, p, 0.0, c, n);
    }

    /**
     * Row-major g (d x k) is G^T column-major, and the row-major lower L is the column-major upper
     * U = L^T: x L L^T = g is U^T U X^T = G^T, two triangular solves (dtrsm) from the left.
     */
    @Override
    public void solveRightCholesky(double[] g, int d, int k, double[] chol) {
        if (d == 0 || k == 0) {
            return;
        }
        blas.dtrsm("L", "U", "T", "N", k, d, 1.0, chol, k, g, k);
        blas.dtrsm("L", "U", "N", "N", k, d, 1.0, chol, k, g, k);
    }

    @Override
    public String name() {
        return name;
    }
}
