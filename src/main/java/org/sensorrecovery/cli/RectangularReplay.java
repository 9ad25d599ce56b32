package org.sensorrecovery.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.sensorrecovery.capture.Capture;
import org.sensorrecovery.capture.CaptureManifest;
import org.sensorrecovery.capture.PortableCapture;
import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.linalg.SvdFormDistance;
import org.sensorrecovery.plot.ConvergencePlot;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Sensings;
import org.sensorrecovery.solver.Loss;
import org.sensorrecovery.solver.SolverOptions;
import org.sensorrecovery.solver.SvdEstimate;
import org.sensorrecovery.solver.TwoFactorSolver;
import org.sensorrecovery.wire.ArrayShape;
import org.sensorrecovery.wire.EstimateCodec;

/**
 * {@code replay --offline} of a rectangular array's capture: feeds {@link TwoFactorSolver}, prints
 * the residual (and the error against the truth's singular triplets, without forming the rows x
 * cols matrix) to stderr and the rectangular estimate message last on stdout.
 */
final class RectangularReplay {

    private final ReplayCommand c;

    RectangularReplay(ReplayCommand c) {
        this.c = c;
    }

    int call(Optional<CaptureManifest> manifest, PrintWriter err) throws IOException {
        ArrayShape shape;
        SolverOptions options;
        EstimateCodec.SvdMessage truth;
        try {
            shape = shape(manifest);
            options = SolverOptions.defaults().withLoss(Loss.fromKey(c.loss)).withHoldout(c.holdout);
            truth = truth(shape);
        } catch (IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            return Main.BAD_USAGE;
        }
        long total = Capture.forEach(c.dir, r -> { });
        if (total == 0) {
            err.println("error: " + c.dir + " holds no measurements");
            return Main.RUNTIME_FAILURE;
        }
        int capacity = (int) Math.min(total, c.window);
        int width = Math.min(shape.rows(), shape.cols());
        TwoFactorSolver solver = new TwoFactorSolver(Sensings.twoFactor(shape.kind(), shape.rows(), shape.cols(), capacity,
                width, Kernels.best()), options);
        long chunk = Math.max(1, total / 20);
        long[] fed = {0};
        long t0 = System.nanoTime();
        Progress progress = Progress.onStderr(err, "replay", total);
        List<ConvergencePlot.Point> curve = new ArrayList<>();
        Capture.forEach(c.dir, r -> {
            solver.add(r.measurement(), r.device());
            if (++fed[0] % chunk == 0) {
                solver.refine(50);
                SvdEstimate e = solver.estimate();
                curve.add(new ConvergencePlot.Point(fed[0], e.residual(), error(e, truth)));
                progress.println(String.format("%9d measurements  relative residual %.3e  rank %d%s", fed[0], e.residual(),
                        e.rank(), errorText(e, truth)));
            } else if ((fed[0] & 1023) == 0) {
                progress.update(fed[0]);
            }
        });
        solver.refine(c.maxIterations);
        SvdEstimate e = solver.estimate();
        double seconds = (System.nanoTime() - t0) / 1e9;
        err.printf("final: %d measurements in %.2f s, relative residual %.3e, rank %d, %d iterations%s%n", total, seconds,
                e.residual(), e.rank(), solver.iterations(), errorText(e, truth));
        String id = c.array != null ? c.array : manifest.map(CaptureManifest::array).orElse("replay");
        if (c.plot != null) {
            curve.add(new ConvergencePlot.Point(total, e.residual(), error(e, truth)));
            Files.writeString(c.plot, ConvergencePlot.svg("replay " + c.dir + ": " + total + " measurements, "
                    + shape.kind().key() + " " + shape.rows() + " x " + shape.cols(), curve, e.singularValues(),
                    truth == null ? null : truth.singularValues(), "singular value"));
            err.printf("plot: %s%n", c.plot);
        }
        c.spec.commandLine().getOut().println(new String(EstimateCodec.encode(e,
                new EstimateCodec.Context(id, total, total - 1, Instant.now())), StandardCharsets.UTF_8));
        c.spec.commandLine().getOut().flush();
        return 0;
    }

    /** Kind, rows and cols: given, else the manifest's. */
    private ArrayShape shape(Optional<CaptureManifest> manifest) {
        Kind k = c.kind != null ? Kind.fromKey(c.kind) : manifest.map(CaptureManifest::kind).orElseThrow(
                () -> new IllegalArgumentException("--kind: the capture has no manifest; give --kind, --rows and --cols"));
        int rows = c.rows != null ? c.rows : manifest.filter(CaptureManifest::rectangular).map(CaptureManifest::rows)
                .orElseThrow(() -> new IllegalArgumentException("--rows: the capture has no rectangular manifest; give --rows"));
        int cols = c.cols != null ? c.cols : manifest.filter(CaptureManifest::rectangular).map(CaptureManifest::cols)
                .orElseThrow(() -> new IllegalArgumentException("--cols: the capture has no rectangular manifest; give --cols"));
        if (c.d != null) {
            throw new IllegalArgumentException("--d: give --d (a symmetric array) or --rows and --cols, not both");
        }
        if (!k.rectangular()) {
            throw new IllegalArgumentException("--kind: " + k + " arrays are square: give --d");
        }
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("--rows, --cols: must be at least 1, got " + rows + " x " + cols);
        }
        return new ArrayShape(k, rows, cols);
    }

    /** The truth's singular triplets: --truth, else the capture's truth.json, else none (null). */
    private EstimateCodec.SvdMessage truth(ArrayShape shape) throws IOException {
        Path file = c.truthFile != null ? c.truthFile : c.dir.resolve(PortableCapture.TRUTH);
        if (c.truthFile == null && !Files.isRegularFile(file)) {
            return null;
        }
        EstimateCodec.SvdMessage t;
        try {
            t = EstimateCodec.decodeSvd(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        if (t.rows() != shape.rows() || t.cols() != shape.cols()) {
            throw new IllegalArgumentException("--truth: a " + t.rows() + " x " + t.cols() + " matrix for an array of "
                    + shape.rows() + " x " + shape.cols());
        }
        return t;
    }

    private static double error(SvdEstimate e, EstimateCodec.SvdMessage truth) {
        return truth == null ? Double.NaN : SvdFormDistance.relative(e.singularValues(), e.left(), e.right(),
                truth.singularValues(), truth.left(), truth.right());
    }

    private static String errorText(SvdEstimate e, EstimateCodec.SvdMessage truth) {
        return truth == null ? "" : String.format("  relative error %.3e", error(e, truth));
    }
}
