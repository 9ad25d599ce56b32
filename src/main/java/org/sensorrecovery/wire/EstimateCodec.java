package org.sensorrecovery.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.sensorrecovery.solver.Estimate;
import org.sensorrecovery.solver.Loss;
import org.sensorrecovery.solver.SvdEstimate;

/**
 * The estimate message of the wire contract: {"array", "d", "rank", "eigenvalues", "eigenvectors",
 * "measurements", "window", "journalIndex", "residual", "iterations", "updatedAt"}; for a
 * rectangular array {"array", "rows", "cols", "rank", "singularValues", "left", "right", and the
 * same counters} ({@link #encode(SvdEstimate, Context)}, {@link #decodeSvd}).
 */
public final class EstimateCodec {

    private static final JsonFactory JSON = new JsonFactory();

    private EstimateCodec() {
    }

    /** The counters of the runtime that go with an estimate. */
    public record Context(String array, long measurements, long journalIndex, Instant updatedAt) {
    }

    /**
     * A decoded estimate message, for subscribers and tests. The optional fields read as null, -1,
     * an empty list and NaN when absent.
     */
    public record Message(String array, int d, int rank, double[] eigenvalues, double[][] eigenvectors,
                          long measurements, long window, long journalIndex, double residual, long iterations,
                          String updatedAt, String loss, int outliers, List<Estimate.SuspectDevice> suspectDevices,
                          double validationResidual) {

        /** X_hat = sum_j eigenvalues[j] v_j v_j^T, d x d row-major. */
        public double[] matrix() {
            return weightedOuterSum(eigenvalues, eigenvectors, eigenvectors, d, d, rank);
        }
    }

    public static byte[] encode(Estimate e, Context c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 24 * e.rank() * (e.dimension() + 1));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("array", c.array());
            g.writeNumberField("d", e.dimension());
            g.writeNumberField("rank", e.rank());
            g.writeFieldName("eigenvalues");
            g.writeArray(e.eigenvalues(), 0, e.rank());
            g.writeArrayFieldStart("eigenvectors");
            for (double[] v : e.eigenvectors()) {
                g.writeArray(v, 0, v.length);
            }
            g.writeEndArray();
            g.writeNumberField("measurements", c.measurements());
            g.writeNumberField("window", e.window());
            g.writeNumberField("journalIndex", c.journalIndex());
            g.writeNumberField("residual", finiteOrZero(e.residual()));
            g.writeNumberField("iterations", e.iterations());
            g.writeStringField("updatedAt", c.updatedAt().toString());
            writeFit(g, e.loss(), e.outliers(), e.suspectDevices(), e.validationResidual());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /** The optional fields: loss, outliers and suspectDevices under a robust loss; validationResidual with a holdout. */
    private static void writeFit(JsonGenerator g, Loss loss, int outliers, List<Estimate.SuspectDevice> suspects,
                                 double validationResidual) throws IOException {
        if (loss != Loss.L2) {
            g.writeStringField("loss", loss.key());
            g.writeNumberField("outliers", outliers);
            g.writeArrayFieldStart("suspectDevices");
            for (Estimate.SuspectDevice s : suspects) {
                g.writeStartObject();
                g.writeStringField("device", s.device());
                g.writeNumberField("outlierFraction", s.outlierFraction());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (Double.isFinite(validationResidual)) {
            g.writeNumberField("validationResidual", validationResidual);
        }
    }

    private static double finiteOrZero(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }

    /**
     * Decodes an estimate message.
     *
     * @throws IllegalArgumentException when the payload is not an estimate message
     */
    public static Message decode(byte[] payload) {
        Fields f = Fields.read(payload);
        return new Message(f.array, f.d, f.rank, f.values, f.first.toArray(new double[0][]), f.measurements, f.window,
                f.journalIndex, f.residual, f.iterations, f.updatedAt, f.loss, f.outliers, f.suspects,
                f.validationResidual);
    }

    /**
     * The fields of either estimate message, read in one pass: a symmetric one's eigenvalues and
     * eigenvectors, or a rectangular one's singular values and left and right vectors, and the
     * counters and optional fields both carry. Unknown fields are skipped.
     */
    private static final class Fields {
        String array;
        String updatedAt;
        int d;
        int rows;
        int cols;
        int rank;
        long measurements;
        long window;
        long journalIndex;
        long iterations;
        double residual = Double.NaN;
        double[] values = new double[0];
        /** Eigenvectors, or left singular vectors. */
        final List<double[]> first = new ArrayList<>();
        /** Right singular vectors. */
        final List<double[]> right = new ArrayList<>();
        String loss;
        int outliers = -1;
        final List<Estimate.SuspectDevice> suspects = new ArrayList<>();
        double validationResidual = Double.NaN;

        static Fields read(byte[] payload) {
            Fields f = new Fields();
            try (JsonParser p = JSON.createParser(payload)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("estimate: expected a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    switch (name) {
                        case "array" -> f.array = p.getText();
                        case "updatedAt" -> f.updatedAt = p.getText();
                        case "d" -> f.d = p.getIntValue();
                        case "rows" -> f.rows = p.getIntValue();
                        case "cols" -> f.cols = p.getIntValue();
                        case "rank" -> f.rank = p.getIntValue();
                        case "measurements" -> f.measurements = p.getLongValue();
                        case "window" -> f.window = p.getLongValue();
                        case "journalIndex" -> f.journalIndex = p.getLongValue();
                        case "iterations" -> f.iterations = p.getLongValue();
                        case "residual" -> f.residual = p.getDoubleValue();
                        case "eigenvalues", "singularValues" -> f.values = readArray(p);
                        case "eigenvectors", "left" -> readRows(p, f.first);
                        case "right" -> readRows(p, f.right);
                        case "loss" -> f.loss = p.getText();
                        case "outliers" -> f.outliers = p.getIntValue();
                        case "validationResidual" -> f.validationResidual = p.getDoubleValue();
                        case "suspectDevices" -> readSuspects(p, f.suspects);
                        default -> p.skipChildren();
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("estimate: " + e.getMessage(), e);
            }
            return f;
        }
    }

    private static void readSuspects(JsonParser p, List<Estimate.SuspectDevice> out) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String device = null;
            double fraction = Double.NaN;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "device" -> device = p.getText();
                    case "outlierFraction" -> fraction = p.getDoubleValue();
                    default -> p.skipChildren();
                }
            }
            out.add(new Estimate.SuspectDevice(device, fraction));
        }
    }

    private static double[] readArray(JsonParser p) throws IOException {
        List<Double> xs = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            xs.add(p.getDoubleValue());
        }
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A decoded rectangular estimate message: X_hat = sum_j singularValues[j] u_j v_j^T. */
    public record SvdMessage(String array, int rows, int cols, int rank, double[] singularValues, double[][] left,
                             double[][] right, long measurements, long window, long journalIndex, double residual,
                             long iterations, String updatedAt) {

        /** X_hat, rows x cols row-major. */
        public double[] matrix() {
            return weightedOuterSum(singularValues, left, right, rows, cols, rank);
        }
    }

    /** sum_r w[r] u_r v_r^T, rows x cols row-major; loop order r, i, j. */
    private static double[] weightedOuterSum(double[] w, double[][] u, double[][] v, int rows, int cols, int rank) {
        double[] x = new double[rows * cols];
        for (int r = 0; r < rank; r++) {
            for (int i = 0; i < rows; i++) {
                double wi = w[r] * u[r][i];
                for (int j = 0; j < cols; j++) {
                    x[i * cols + j] += wi * v[r][j];
                }
            }
        }
        return x;
    }

    /** The estimate message of a rectangular array (DESIGN.md, "Rectangular arrays"). */
    public static byte[] encode(SvdEstimate e, Context c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 24 * e.rank() * (e.rows() + e.cols() + 1));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("array", c.array());
            g.writeNumberField("rows", e.rows());
            g.writeNumberField("cols", e.cols());
            g.writeNumberField("rank", e.rank());
            g.writeFieldName("singularValues");
            g.writeArray(e.singularValues(), 0, e.rank());
            writeRows(g, "left", e.left());
            writeRows(g, "right", e.right());
            g.writeNumberField("measurements", c.measurements());
            g.writeNumberField("window", e.window());
            g.writeNumberField("journalIndex", c.journalIndex());
            g.writeNumberField("residual", finiteOrZero(e.residual()));
            g.writeNumberField("iterations", e.iterations());
            g.writeStringField("updatedAt", c.updatedAt().toString());
            writeFit(g, e.loss(), e.outliers(), e.suspectDevices(), e.validationResidual());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    static void writeRows(JsonGenerator g, String name, double[][] rows) throws IOException {
        g.writeArrayFieldStart(name);
        for (double[] v : rows) {
            g.writeArray(v, 0, v.length);
        }
        g.writeEndArray();
    }

    /** Whether a payload is a rectangular message (estimate or truth): it has "rows" and no "d". */
    public static boolean isRectangular(byte[] payload) {
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if ("rows".equals(name) || "singularValues".equals(name)) {
                    return true;
                }
                if ("d".equals(name) || "eigenvalues".equals(name)) {
                    return false;
                }
                p.nextToken();
                p.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Decodes a rectangular estimate (or truth) message and checks its shape: rank singular values
     * and rank left and right vectors of rows and cols numbers.
     *
     * @throws IllegalArgumentException naming the field that is missing or the wrong size
     */
    public static SvdMessage decodeSvd(byte[] payload) {
        Fields f = Fields.read(payload);
        SvdMessage m = new SvdMessage(f.array, f.rows, f.cols, f.rank, f.values, f.first.toArray(new double[0][]),
                f.right.toArray(new double[0][]), f.measurements, f.window, f.journalIndex, f.residual, f.iterations,
                f.updatedAt);
        checkShape(m);
        return m;
    }

    private static void readRows(JsonParser p, List<double[]> out) throws IOException {
        while (p.nextToken() == JsonToken.START_ARRAY) {
            out.add(readArray(p));
        }
    }

    private static void checkShape(SvdMessage m) {
        if (m.rows() < 1 || m.cols() < 1) {
            throw new IllegalArgumentException("rows, cols: a rectangular message needs both, got " + m.rows() + " x " + m.cols());
        }
        int r = m.rank();
        if (m.singularValues().length != r || m.left().length != r || m.right().length != r) {
            throw new IllegalArgumentException("rank: " + r + " singular values and left and right vectors expected, got "
                    + m.singularValues().length + ", " + m.left().length + ", " + m.right().length);
        }
        for (int j = 0; j < r; j++) {
            if (m.left()[j].length != m.rows()) {
                throw new IllegalArgumentException("left: vector " + j + " has " + m.left()[j].length + " numbers, expected "
                        + m.rows());
            }
            if (m.right()[j].length != m.cols()) {
                throw new IllegalArgumentException("right: vector " + j + " has " + m.right()[j].length
                        + " numbers, expected " + m.cols());
            }
        }
    }
}
