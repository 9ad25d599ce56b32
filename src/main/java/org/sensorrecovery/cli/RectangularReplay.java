package org.sensorrecovery.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.sensorrecovery.capture.CaptureManifest;
import org.sensorrecovery.capture.PortableCapture;
import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.linalg.SvdFormDistance;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Sensings;
import org.sensorrecovery.solver.SolverOptions;
import org.sensorrecovery.solver.SvdEstimate;
import org.sensorrecovery.solver.FactoredSolver;
import org.sensorrecovery.wire.ArrayShape;
import org.sensorrecovery.wire.EstimateCodec;
import org.sensorrecovery.worker.ArraySolver;

/**
 * {@code replay --offline} of a rectangular array's capture: its shape (manifest or --kind, --rows,
 * --cols) and truth, then {@link OfflineReplay} with {@link FactoredSolver}, scored against the
 * truth's singular triplets without forming the rows x cols matrix.
 */
final class RectangularReplay {

    private final ReplayCommand c;

    RectangularReplay(ReplayCommand c) {
        this.c = c;
    }

    int call(Optional<CaptureManifest> manifest, PrintWriter err) throws IOException {
        ArrayShape shape;
        EstimateCodec.SvdMessage truth;
        try {
            shape = shape(manifest);
            truth = truth(shape);
        } catch (IllegalArgumentException | IOException e) {
            err.println("error: " + e.getMessage());
            return Main.BAD_USAGE;
        }
        return new OfflineReplay(c, c.arrayId(manifest)).run(target(shape, truth), err);
    }

    /** {@link FactoredSolver} of width min(rows, cols), scored against the truth's singular triplets. */
    private static OfflineReplay.Target target(ArrayShape shape, EstimateCodec.SvdMessage truth) {
        return new OfflineReplay.Target() {
            @Override
            public ArraySolver solver(int capacity, SolverOptions options) {
                int width = Math.min(shape.rows(), shape.cols());
                return ArraySolver.of(FactoredSolver.rectangular(Sensings.twoFactor(shape.kind(), shape.rows(), shape.cols(),
                        capacity, width, Kernels.best()), options));
            }

            @Override
            public OfflineReplay.Readout read(ArraySolver.Published published) {
                SvdEstimate e = published.svdEstimate();
                double error = truth == null ? Double.NaN : SvdFormDistance.relative(e.singularValues(), e.left(),
                        e.right(), truth.singularValues(), truth.left(), truth.right());
                return new OfflineReplay.Readout(e.rank(), e.residual(), error, e.singularValues(), e.loss(),
                        e.outliers(), e.suspectDevices());
            }

            @Override
            public String shape() {
                return shape.kind().key() + " " + shape.rows() + " x " + shape.cols();
            }

            @Override
            public double[] truthSpectrum() {
                return truth == null ? null : truth.singularValues();
            }

            @Override
            public String spectrumName() {
                return "singular value";
            }
        };
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
}
