package org.sensorrecovery.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.sensorrecovery.capture.PortableCapture;
import org.sensorrecovery.linalg.SvdFormDistance;
import org.sensorrecovery.linalg.SymmetricEigenvalues;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.simulate.SimulatedArray;
import org.sensorrecovery.solver.Estimate;
import org.sensorrecovery.solver.FactoredSolver;
import org.sensorrecovery.solver.SolverOptions;
import org.sensorrecovery.solver.SvdEstimate;
import org.sensorrecovery.wire.ArrayShape;
import org.sensorrecovery.wire.EstimateCodec;
import org.sensorrecovery.worker.ArraySolver;

/**
 * The two sides an offline replay can score: a symmetric array against X* as a d x d matrix, a
 * rectangular one against the truth's singular triplets (without forming the rows x cols matrix).
 */
public final class ReplayTargets {

    private ReplayTargets() {
    }

    /** X* to score a symmetric array against: the given file, else the capture's truth.json, else none (null). */
    public static double[] symmetricTruth(Path truthFile, Path dir, int d) throws IOException {
        double[] t = truthFile != null ? PortableCapture.readTruth(truthFile) : PortableCapture.truth(dir).orElse(null);
        if (t != null && t.length != d * d) {
            throw new IllegalArgumentException("--truth: a " + (int) Math.round(Math.sqrt(t.length))
                    + " x ... matrix for an array of d=" + d);
        }
        return t;
    }

    /** The singular triplets to score a rectangular array against: the given file, else truth.json, else null. */
    public static EstimateCodec.SvdMessage rectangularTruth(Path truthFile, Path dir, ArrayShape shape)
            throws IOException {
        Path file = truthFile != null ? truthFile : dir.resolve(PortableCapture.TRUTH);
        if (truthFile == null && !Files.isRegularFile(file)) {
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

    /** A symmetric array of dimension d, width d, scored against X* when known. */
    public static OfflineReplay.Target symmetric(Kind kind, int d, double[] truth) {
        return new OfflineReplay.Target() {
            @Override
            public ArraySolver solver(int capacity, SolverOptions options) {
                return ArraySolver.of(FactoredSolver.forArray(kind, d, d, false, capacity, options));
            }

            @Override
            public OfflineReplay.Readout read(ArraySolver.Published published) {
                Estimate e = published.estimate();
                return new OfflineReplay.Readout(e.rank(), e.residual(),
                        truth == null ? Double.NaN : SimulatedArray.relativeError(e.matrix(), truth),
                        Arrays.copyOf(e.eigenvalues(), e.rank()), e.loss(), e.outliers(), e.suspectDevices());
            }

            @Override
            public String shape() {
                return kind.key() + " d=" + d;
            }

            @Override
            public double[] truthSpectrum() {
                return eigenvalues(truth, d);
            }

            @Override
            public String spectrumName() {
                return "eigenvalue";
            }
        };
    }

    /** A rectangular array of width min(rows, cols), scored against the truth's singular triplets when known. */
    public static OfflineReplay.Target rectangular(ArrayShape shape, EstimateCodec.SvdMessage truth) {
        return new OfflineReplay.Target() {
            @Override
            public ArraySolver solver(int capacity, SolverOptions options) {
                return ArraySolver.of(FactoredSolver.forArray(shape.kind(), shape.rows(), shape.cols(), true, capacity,
                        options));
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

    /** The eigenvalues of X* above 1e-9 of the largest, descending; null without a truth. */
    private static double[] eigenvalues(double[] truth, int d) {
        if (truth == null) {
            return null;
        }
        double[] values = new double[d];
        if (!SymmetricEigenvalues.compute(truth.clone(), d, values, new double[d])) {
            return null;
        }
        int r = 0;
        while (r < d && values[r] > 1e-9 * Math.max(values[0], Double.MIN_VALUE)) {
            r++;
        }
        return Arrays.copyOf(values, r);
    }
}
