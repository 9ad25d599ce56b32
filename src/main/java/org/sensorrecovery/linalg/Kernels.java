package org.sensorrecovery.linalg;

import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the matrix-product kernel for this machine: the native BLAS when it loads and passes a
 * self-check against the Java kernel, otherwise the Java kernel. Chosen once per process; an
 * OpenBLAS is first told which kernels the CPU runs ({@link OpenBlasCore}).
 */
public final class Kernels {

    private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
    private static final Gemm BEST = choose();

    private Kernels() {
    }

    /** The fastest kernel available here. */
    public static Gemm best() {
        return BEST;
    }

    private static Gemm choose() {
        Gemm fallback = new JavaGemm();
        if (Boolean.getBoolean("sensorrecovery.javaKernel")) {
            return fallback;
        }
        NetlibLog.install();
        try {
            OpenBlasCore.selectForThisCpu();
            Gemm candidate = NetlibGemm.load();
            if (agrees(candidate, fallback)) {
                return candidate;
            }
            LOG.debug("{} disagrees with the Java kernel on the self-check: using {}", candidate.name(), fallback.name());
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("no native BLAS ({}): using {}", e.toString(), fallback.name());
        }
        return fallback;
    }

    /** Both products of both kernels on a small odd-shaped random problem agree to rounding. */
    static boolean agrees(Gemm candidate, Gemm reference) {
        Random rnd = new Random(1);
        int m = 7;
        int p = 5;
        int n = 3;
        double[] a = random(m * p, rnd);
        double[] b = random(p * n, rnd);
        double[] bt = random(m * n, rnd);
        double[] c1 = new double[m * n];
        double[] c2 = new double[m * n];
        candidate.multiply(a, m, p, b, n, c1);
        reference.multiply(a, m, p, b, n, c2);
        double[] t1 = new double[p * n];
        double[] t2 = new double[p * n];
        candidate.multiplyTransposeA(a, m, p, bt, n, t1);
        reference.multiplyTransposeA(a, m, p, bt, n, t2);
        return close(c1, c2) && close(t1, t2);
    }

    private static boolean close(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            if (!(Math.abs(x[i] - y[i]) <= 1e-12 * (1 + Math.abs(y[i])))) {
                return false;
            }
        }
        return true;
    }

    private static double[] random(int n, Random rnd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }
}
