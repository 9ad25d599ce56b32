package org.sensorrecovery.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.sensorrecovery.bench.SolveTiming;
import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.solver.SolverOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Time to a target relative error on a noiseless simulated array, after warm-up: first an
 * untimed run counts the iterations the target needs, then timed runs do exactly that many.
 */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Time to reach a relative error (median of repeats, after warm-up), per method.")
final class BenchSolveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--kind", defaultValue = "rank-one", description = "Measurement kind (default ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--d", defaultValue = "100", description = "Dimension (default ${DEFAULT-VALUE}).")
    int d;

    @Option(names = "--rank", defaultValue = "5", description = "Rank of the simulated truth (default ${DEFAULT-VALUE}).")
    int rank;

    @Option(names = "--m", defaultValue = "2500", description = "Measurements (default ${DEFAULT-VALUE}).")
    int m;

    @Option(names = "--condition", defaultValue = "1", description = "Condition number of X*: eigenvalues 1 ... 1/condition, geometric (default ${DEFAULT-VALUE}).")
    double condition;

    @Option(names = "--target", defaultValue = "1e-8", description = "Relative Frobenius error to reach (default ${DEFAULT-VALUE}).")
    double target;

    @Option(names = "--methods", defaultValue = "precond,gd", split = ",", description = "Methods to time (default ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--repeats", defaultValue = "11", description = "Timed runs per method (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed runs first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--max-iterations", defaultValue = "20000", description = "Give up after (default ${DEFAULT-VALUE}).")
    int maxIterations;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Kind k = Kind.fromKey(kind);
        SolveTiming timing = new SolveTiming(k, d, SolveTiming.geometricPowers(rank, condition), m);
        out.printf("kind=%s d=%d r=%d m=%d condition=%.0f target=%.0e kernel=%s%n", k, d, rank, m, condition, target,
                Kernels.best().name());
        for (String name : methods) {
            Method method = Method.fromKey(name);
            SolveTiming.Result r = timing.time(SolverOptions.defaults().withMethod(method).withTolerance(0), target,
                    maxIterations, warmup, repeats, System::nanoTime);
            if (!r.reached(maxIterations)) {
                out.printf("%-8s did not reach %.0e within %d iterations (error %.3g)%n", method, target, maxIterations,
                        r.finalError());
                continue;
            }
            double[] millis = r.millis();
            out.printf("%-8s iterations=%d median=%.1f ms (min %.1f, max %.1f) over %d runs%n", method, r.iterations(),
                    millis[repeats / 2], millis[0], millis[repeats - 1], repeats);
        }
        out.flush();
        return 0;
    }
}
