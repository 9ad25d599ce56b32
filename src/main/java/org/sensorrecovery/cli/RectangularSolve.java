package org.sensorrecovery.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;

import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Sensings;
import org.sensorrecovery.solver.Loss;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.solver.RefineResult;
import org.sensorrecovery.solver.SolverOptions;
import org.sensorrecovery.solver.SvdEstimate;
import org.sensorrecovery.solver.FactoredSolver;
import org.sensorrecovery.wire.ArrayShape;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.EstimateCodec;

/**
 * {@code solve --kind bilinear|entry --rows N1 --cols N2}: the batch recovery of a rectangular
 * array X = U V^T with {@link FactoredSolver}; prints the rectangular estimate message last.
 */
final class RectangularSolve {

    private final SolveCommand c;

    RectangularSolve(SolveCommand c) {
        this.c = c;
    }

    int call(PrintWriter out, PrintWriter err) throws IOException {
        ArrayShape shape;
        SolverOptions options;
        try {
            shape = shape();
            options = SolverOptions.defaults().withMethod(Method.fromKey(c.method)).withRankBound(c.rankBound)
                    .withAlpha(c.alpha).withEta(c.eta == null ? Double.NaN : c.eta)
                    .withLambda(c.lambda == null ? Double.NaN : c.lambda).withTolerance(c.tolerance).withSeed(c.seed)
                    .withLoss(Loss.fromKey(c.loss)).withHoldout(c.holdout);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Main.BAD_USAGE;
        }
        List<DecodedMeasurement> measurements;
        try {
            measurements = c.read(shape, err);
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + c.file);
            return Main.BAD_USAGE;
        }
        if (measurements.isEmpty()) {
            err.println("error: no valid measurements in " + c.source());
            return Main.RUNTIME_FAILURE;
        }
        int full = Math.min(shape.rows(), shape.cols());
        int width = c.rankBound == 0 ? full : Math.min(c.rankBound, full);
        FactoredSolver<SvdEstimate> solver = FactoredSolver.rectangular(Sensings.twoFactor(shape.kind(), shape.rows(), shape.cols(),
                measurements.size(), width, Kernels.best()), options);
        for (DecodedMeasurement m : measurements) {
            solver.add(m.measurement(), m.device());
        }
        RefineResult result = c.refine(solver, err);
        SvdEstimate estimate = solver.estimate();
        err.printf("%s after %d iterations: relative residual %.3e, rank %d, k %d%n", result.status(),
                solver.iterations(), estimate.residual(), estimate.rank(), solver.width());
        out.println(new String(EstimateCodec.encode(estimate,
                new EstimateCodec.Context(c.array, measurements.size(), measurements.size() - 1L, Instant.now())),
                StandardCharsets.UTF_8));
        out.flush();
        return 0;
    }

    /** Kind, rows and cols, checked. */
    private ArrayShape shape() {
        Kind k = Kind.fromKey(c.kind);
        if (!k.rectangular()) {
            throw new IllegalArgumentException("--kind: " + k + " arrays are square: give --d, not --rows and --cols");
        }
        if (c.d != null) {
            throw new IllegalArgumentException("--d: give --d (a symmetric array) or --rows and --cols, not both");
        }
        if (c.rows == null || c.cols == null || c.rows < 1 || c.cols < 1) {
            throw new IllegalArgumentException("--rows, --cols: a rectangular array needs both, at least 1, got "
                    + c.rows + " x " + c.cols);
        }
        if (c.rankBound < 0 || c.rankBound > Math.min(c.rows, c.cols)) {
            throw new IllegalArgumentException("--rank-bound: must be 0 (k = min(rows, cols)) or in [1, "
                    + Math.min(c.rows, c.cols) + "], got " + c.rankBound);
        }
        return new ArrayShape(k, c.rows, c.cols);
    }
}
