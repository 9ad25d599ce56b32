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

/**
 * The estimate message of the wire contract: {"array", "d", "rank", "eigenvalues", "eigenvectors",
 * "measurements", "window", "journalIndex", "residual", "iterations", "updatedAt"}.
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
            double[] x = new double[d * d];
            for (int r = 0; r < rank; r++) {
                for (int i = 0; i < d; i++) {
                    double li = eigenvalues[r] * eigenvectors[r][i];
                    for (int j = 0; j < d; j++) {
                        x[i * d + j] += li * eigenvectors[r][j];
                    }
                }
            }
            return x;
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
            writeFit(g, e);
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /** The optional fields: loss, outliers and suspectDevices under a robust loss; validationResidual with a holdout. */
    private static void writeFit(JsonGenerator g, Estimate e) throws IOException {
        if (e.loss() != Loss.L2) {
            g.writeStringField("loss", e.loss().key());
            g.writeNumberField("outliers", e.outliers());
            g.writeArrayFieldStart("suspectDevices");
            for (Estimate.SuspectDevice s : e.suspectDevices()) {
                g.writeStartObject();
                g.writeStringField("device", s.device());
                g.writeNumberField("outlierFraction", s.outlierFraction());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (Double.isFinite(e.validationResidual())) {
            g.writeNumberField("validationResidual", e.validationResidual());
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
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("estimate: expected a JSON object");
            }
            String array = null;
            String updatedAt = null;
            int d = 0;
            int rank = 0;
            long measurements = 0;
            long window = 0;
            long journalIndex = 0;
            long iterations = 0;
            double residual = Double.NaN;
            double[] values = new double[0];
            List<double[]> vectors = new ArrayList<>();
            String loss = null;
            int outliers = -1;
            List<Estimate.SuspectDevice> suspects = new ArrayList<>();
            double validationResidual = Double.NaN;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "array" -> array = p.getText();
                    case "updatedAt" -> updatedAt = p.getText();
                    case "d" -> d = p.getIntValue();
                    case "rank" -> rank = p.getIntValue();
                    case "measurements" -> measurements = p.getLongValue();
                    case "window" -> window = p.getLongValue();
                    case "journalIndex" -> journalIndex = p.getLongValue();
                    case "iterations" -> iterations = p.getLongValue();
                    case "residual" -> residual = p.getDoubleValue();
                    case "eigenvalues" -> values = readArray(p);
                    case "eigenvectors" -> {
                        while (p.nextToken() == JsonToken.START_ARRAY) {
                            vectors.add(readArray(p));
                        }
                    }
                    case "loss" -> loss = p.getText();
                    case "outliers" -> outliers = p.getIntValue();
                    case "validationResidual" -> validationResidual = p.getDoubleValue();
                    case "suspectDevices" -> readSuspects(p, suspects);
                    default -> p.skipChildren();
                }
            }
            return new Message(array, d, rank, values, vectors.toArray(new double[0][]), measurements, window,
                    journalIndex, residual, iterations, updatedAt, loss, outliers, suspects, validationResidual);
        } catch (IOException e) {
            throw new IllegalArgumentException("estimate: " + e.getMessage(), e);
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
}
