package org.sensorrecovery.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sensorrecovery.linalg.Gemm;
import org.sensorrecovery.linalg.JavaGemm;
import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.sensing.RankOneSensing;

/**
 * One gradient iteration of rank-one sensing, as the solver runs it: B = A U, r = rowSquares(B) - y,
 * G = A^T (r .* B); 4 m d k flops. bench/run.sh turns the times into GFLOP/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules=jdk.incubator.vector"})
public class RankOneIterationBenchmark {

    /** d x k x m ("x", not ",": JMH's -p splits values at commas, so one shape can be picked on the command line). */
    @Param({"100x100x2500", "200x200x10000", "500x50x25000"})
    public String shape;

    /**
     * best: the kernel the solver picks (native-blas in row blocks if it loads here); unsplit: the native
     * BLAS threading each product itself (the kernel before row blocks); java: the best pure-Java kernel
     * (Vector API); scalar: JavaGemm.
     */
    @Param({"best", "unsplit", "java", "scalar"})
    public String kernel;

    private RankOneSensing sensing;
    private double[] u;
    private double[] pred;
    private double[] g;
    private int k;
    private int m;

    @Setup(Level.Trial)
    public void setUp() {
        String[] p = shape.split("x");
        int d = Integer.parseInt(p[0]);
        k = Integer.parseInt(p[1]);
        m = Integer.parseInt(p[2]);
        Gemm gemm = switch (kernel) {
            case "java" -> Kernels.bestJava();
            case "scalar" -> new JavaGemm();
            case "unsplit" -> Kernels.nativeUnsplit();
            default -> Kernels.best();
        };
        sensing = new RankOneSensing(d, m, k, gemm);
        Random rnd = new Random(1);
        for (int i = 0; i < m; i++) {
            double[] a = new double[d];
            for (int j = 0; j < d; j++) {
                a[j] = rnd.nextGaussian();
            }
            sensing.add(new org.sensorrecovery.sensing.Measurement.RankOne(a, rnd.nextDouble()));
        }
        u = new double[d * k];
        for (int i = 0; i < u.length; i++) {
            u[i] = 0.1 * rnd.nextGaussian();
        }
        pred = new double[m];
        g = new double[d * k];
    }

    @Benchmark
    public double iteration() {
        sensing.predict(u, k, pred);
        double[] y = sensing.values();
        for (int i = 0; i < m; i++) {
            pred[i] -= y[i];
        }
        sensing.gradient(pred, u, k, g);
        return g[0];
    }
}
