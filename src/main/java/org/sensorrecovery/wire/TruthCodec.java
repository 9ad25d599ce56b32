package org.sensorrecovery.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The ground truth a simulator publishes on {prefix}/{array}/truth (retained), and a capture
 * stores as truth.json: the estimate message's shape ({"array", "d", "rank", "eigenvalues",
 * "eigenvectors", "measurements", "updatedAt"}) plus "scenario" and "scenarioTime" (seconds), so a
 * dashboard scores an estimate against it with the same code. {@link EstimateCodec#decode} reads it.
 * A rectangular array's truth has the rectangular estimate's shape ({"rows", "cols",
 * "singularValues", "left", "right"}), read by {@link EstimateCodec#decodeSvd}.
 */
public final class TruthCodec {

    private static final JsonFactory JSON = new JsonFactory();

    private TruthCodec() {
    }

    /** X* = sum_j eigenvalues[j] v_j v_j^T at one moment of a scenario. */
    public record Truth(String array, String scenario, int d, double[] eigenvalues, double[][] eigenvectors,
                        long measurements, double scenarioTime, Instant updatedAt) {
    }

    /** X* = sum_j singularValues[j] u_j v_j^T (rows x cols) at one moment of a scenario. */
    public record SvdTruth(String array, String scenario, int rows, int cols, double[] singularValues, double[][] left,
                           double[][] right, long measurements, double scenarioTime, Instant updatedAt) {
    }

    public static byte[] encode(SvdTruth t) {
        int r = t.singularValues().length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 24 * r * (t.rows() + t.cols() + 1));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("array", t.array());
            g.writeStringField("scenario", t.scenario());
            g.writeNumberField("rows", t.rows());
            g.writeNumberField("cols", t.cols());
            g.writeNumberField("rank", r);
            g.writeFieldName("singularValues");
            g.writeArray(t.singularValues(), 0, r);
            EstimateCodec.writeRows(g, "left", t.left());
            EstimateCodec.writeRows(g, "right", t.right());
            g.writeNumberField("measurements", t.measurements());
            g.writeNumberField("scenarioTime", t.scenarioTime());
            g.writeStringField("updatedAt", t.updatedAt().toString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] encode(Truth t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 24 * t.eigenvalues().length * (t.d() + 1));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("array", t.array());
            g.writeStringField("scenario", t.scenario());
            g.writeNumberField("d", t.d());
            g.writeNumberField("rank", t.eigenvalues().length);
            g.writeFieldName("eigenvalues");
            g.writeArray(t.eigenvalues(), 0, t.eigenvalues().length);
            g.writeArrayFieldStart("eigenvectors");
            for (double[] v : t.eigenvectors()) {
                g.writeArray(v, 0, v.length);
            }
            g.writeEndArray();
            g.writeNumberField("measurements", t.measurements());
            g.writeNumberField("scenarioTime", t.scenarioTime());
            g.writeStringField("updatedAt", t.updatedAt().toString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * X* from a truth message: d x d row-major, or rows x cols for a rectangular one.
     *
     * @throws IllegalArgumentException when the payload is not a truth (or estimate) message
     */
    public static double[] matrix(byte[] payload) {
        if (EstimateCodec.isRectangular(payload)) {
            return EstimateCodec.decodeSvd(payload).matrix();
        }
        EstimateCodec.Message m = EstimateCodec.decode(payload);
        if (m.d() < 1 || m.eigenvectors().length != m.rank() || m.eigenvalues().length != m.rank()) {
            throw new IllegalArgumentException("truth: expected d >= 1 and rank eigenvalues and eigenvectors");
        }
        return m.matrix();
    }
}
