package org.sensorrecovery.linalg;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the matrix-product kernel for this machine: the native BLAS when it loads and passes a
 * self-check against the Java kernel, otherwise the best Java kernel: {@link VectorGemm} when the
 * JVM was started with {@code --add-modules jdk.incubator.vector} (deploy/jvm.options), else
 * {@link JavaGemm}. Chosen once per process; an OpenBLAS is first told which kernels the CPU runs
 * ({@link OpenBlasCore}).
 */
public final class Kernels {

    private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final Gemm BEST = choose();

    private Kernels() {
    }

    /** The fastest kernel available here. */
    public static Gemm best() {
        return BEST;
    }

    /**
     * The fastest pure-Java kernel this JVM runs: the Vector API kernel when its module was added,
     * C2 compiles (and it passes the self-check), else the scalar one.
     */
    public static Gemm bestJava() {
        Gemm scalar = new JavaGemm();
        // VectorGemm must not even be loaded without the module: its constants are Vector API species.
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty() || !compilesWithC2()) {
            return scalar;
        }
        try {
            Gemm vector = new VectorGemm();
            return agrees(vector, scalar) ? vector : scalar;
        } catch (RuntimeException | LinkageError e) {
            return scalar;
        }
    }

    /**
     * Whether C2 compiles hot code. Only C2 turns Vector API calls into vector instructions; under C1
     * (-XX:TieredStopAtLevel=1) or the interpreter each one allocates, and VectorGemm ran hundreds of
     * times slower than JavaGemm.
     */
    private static boolean compilesWithC2() {
        if (System.getProperty("java.vm.info", "").contains("interpreted")) {
            return false;
        }
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return "false".equals(vm.getVMOption("TieredCompilation").getValue())
                    || "4".equals(vm.getVMOption("TieredStopAtLevel").getValue());
        } catch (RuntimeException | LinkageError e) {
            return true;
        }
    }

    /**
     * The native BLAS with its own threading, one dgemm per product (as before row blocks): for
     * benchmarks against {@link #best()}. Call it in a process that never calls best().
     *
     * @throws RuntimeException or LinkageError when there is no usable native BLAS
     */
    public static Gemm nativeUnsplit() {
        NetlibLog.install();
        OpenBlasCore.selectForThisCpu();
        return NetlibGemm.load(false);
    }

    private static Gemm choose() {
        if (Boolean.getBoolean("sensorrecovery.javaKernel")) {
            return bestJava();
        }
        NetlibLog.install();
        try {
            OpenBlasCore.selectForThisCpu();
            Gemm candidate = NetlibGemm.load();
            // Checked against the scalar kernel: the Vector API kernel is not even loaded when the native one runs.
            if (agrees(candidate, new JavaGemm())) {
                return candidate;
            }
            LOG.debug("{} disagrees with the Java kernel on the self-check: using a Java kernel", candidate.name());
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("no native BLAS ({}): using a Java kernel", e.toString());
        }
        return bestJava();
    }

    /**
     * Both products of both kernels on a small odd-shaped random problem agree to rounding; wide
     * enough (35 columns) for the Vector API kernel's tiles and their overlapping edges.
     */
    static boolean agrees(Gemm candidate, Gemm reference) {
        Random rnd = new Random(1);
        int m = 37;
        int p = 9;
        int n = 35;
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
