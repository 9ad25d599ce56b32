package org.sensorrecovery.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.sensorrecovery.capture.TextLines;
import org.sensorrecovery.capture.WireLines;
import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.solver.FactoredSolver;
import org.sensorrecovery.solver.Loss;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.solver.RefineResult;
import org.sensorrecovery.solver.SolverOptions;
import org.sensorrecovery.wire.ArrayShape;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.EstimateCodec;
import org.sensorrecovery.worker.ArraySolver;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Batch recovery from a file of measurements in the wire contract's JSON (ndjson: one object or
 * batch per line). Progress and bad lines go to stderr; the estimate JSON is the last line of stdout.
 */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Recovers X* from an ndjson file of measurements (wire-contract JSON, one object or batch "
                + "per line) and prints the estimate JSON as the last line of stdout.")
final class SolveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--kind", required = true, description = "Measurement kind: rank-one, entry, gaussian, dense;"
            + " bilinear or entry with --rows and --cols for a rectangular array.")
    String kind;

    @Option(names = "--d", description = "Matrix dimension d of a symmetric array.")
    Integer d;

    @Option(names = "--rows", description = "Rows of a rectangular array (bilinear: length of a; entry: range of i).")
    Integer rows;

    @Option(names = "--cols", description = "Columns of a rectangular array (bilinear: length of b; entry: range of j).")
    Integer cols;

    @Option(names = "--rank-bound", defaultValue = "0", description = "Factor width k; 0 (default) means k = d.")
    int rankBound;

    @Option(names = "--method", defaultValue = "precond", description = "gd or precond (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--alpha", defaultValue = "1e-3", description = "Initialization scale relative to the data (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--eta", description = "Fixed step size (default: automatic).")
    Double eta;

    @Option(names = "--lambda", description = "Fixed preconditioner damping (default: tied to the loss).")
    Double lambda;

    @Option(names = "--loss", defaultValue = "l2",
            description = "l2 (default), robust (trimmed least squares: recommended when some sensors send gross errors), l1 or huber.")
    String loss;

    @Option(names = "--holdout", defaultValue = "0",
            description = "Share of the measurements held out to stop when their residual stops improving (noisy data; e.g. 0.1). Default 0: off.")
    double holdout;

    @Option(names = "--max-iterations", defaultValue = "5000", description = "Iteration budget (default ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--tolerance", defaultValue = "1e-10", description = "Stop at this relative residual (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random initialization (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--array", defaultValue = "solve", description = "Array id written in the estimate (default ${DEFAULT-VALUE}).")
    String array;

    @Parameters(index = "0", arity = "0..1", defaultValue = "-", paramLabel = "FILE|-",
            description = "Measurements file, or - for stdin (default).")
    String file;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean rectangular = rows != null || cols != null || Kind.BILINEAR.key().equals(kind);
        ArrayShape shape;
        SolverOptions options;
        try {
            shape = rectangular ? rectangularShape() : squareShape();
            options = new SolverOptions(Method.fromKey(method), rankBound, alpha, eta == null ? Double.NaN : eta,
                    lambda == null ? Double.NaN : lambda, tolerance, true, seed, Loss.fromKey(loss), holdout);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Main.BAD_USAGE;
        }
        Main.chooseKernelMeanwhile();
        List<DecodedMeasurement> measurements;
        try {
            measurements = read(shape, err);
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + file);
            return Main.BAD_USAGE;
        }
        if (measurements.isEmpty()) {
            err.println("error: no valid measurements in " + source());
            return Main.RUNTIME_FAILURE;
        }
        ArraySolver solver = ArraySolver.of(FactoredSolver.forArray(shape.kind(), shape.rows(), shape.cols(), rectangular,
                measurements.size(), options));
        for (DecodedMeasurement m : measurements) {
            solver.solver().add(m.measurement(), m.device());
        }
        RefineResult result = refine(solver.solver(), err);
        ArraySolver.Published estimate = solver.publish(
                new EstimateCodec.Context(array, measurements.size(), measurements.size() - 1L, Instant.now()));
        err.printf("%s after %d iterations: relative residual %.3e, rank %d, k %d%n", result.status(),
                solver.solver().iterations(), estimate.residual(), estimate.rank(), solver.solver().width());
        out.println(new String(estimate.message(), StandardCharsets.UTF_8));
        out.flush();
        return 0;
    }

    /** Kind and d of a symmetric array, checked. */
    private ArrayShape squareShape() {
        Kind k = Kind.fromKey(kind);
        if (d == null || d < 1) {
            throw new IllegalArgumentException("--d: must be at least 1, got " + d + " (or give --rows and --cols)");
        }
        return ArrayShape.square(k, d);
    }

    /** Kind, rows and cols of a rectangular array, checked. */
    private ArrayShape rectangularShape() {
        Kind k = Kind.fromKey(kind);
        if (!k.rectangular()) {
            throw new IllegalArgumentException("--kind: " + k + " arrays are square: give --d, not --rows and --cols");
        }
        if (d != null) {
            throw new IllegalArgumentException("--d: give --d (a symmetric array) or --rows and --cols, not both");
        }
        if (rows == null || cols == null || rows < 1 || cols < 1) {
            throw new IllegalArgumentException("--rows, --cols: a rectangular array needs both, at least 1, got "
                    + rows + " x " + cols);
        }
        if (rankBound < 0 || rankBound > Math.min(rows, cols)) {
            throw new IllegalArgumentException("--rank-bound: must be 0 (k = min(rows, cols)) or in [1, "
                    + Math.min(rows, cols) + "], got " + rankBound);
        }
        return new ArrayShape(k, rows, cols);
    }

    /**
     * Refines in chunks of 100 iterations up to --max-iterations, a progress line on stderr after each.
     */
    RefineResult refine(FactoredSolver<?> solver, PrintWriter err) {
        err.printf("kernel: %s%n", Kernels.best().name());
        RefineResult result = solver.solve(maxIterations, 100, r -> {
            err.printf("iteration %d: relative residual %.3e, k %d%n", solver.iterations(), r.residual(), solver.width());
            err.flush();
        });
        return result;
    }

    /** Reads every line; bad lines and bad measurements are reported with their line number. */
    List<DecodedMeasurement> read(ArrayShape shape, PrintWriter err) throws IOException {
        List<DecodedMeasurement> valid = new ArrayList<>();
        int[] bad = {0};
        try (BufferedReader in = TextLines.open(file)) {
            WireLines.<RuntimeException>forEach(in, shape, (lineNo, m) -> valid.add(m), (lineNo, rej) -> {
                bad[0]++;
                err.printf("%s:%d: %s%s%n", source(), lineNo, rej.index() > 0 ? "element " + rej.index() + ": " : "",
                        rej.reason());
            });
        }
        err.printf("read %d measurements from %s (%d refused)%n", valid.size(), source(), bad[0]);
        return valid;
    }

    String source() {
        return "-".equals(file) ? "<stdin>" : file;
    }
}
