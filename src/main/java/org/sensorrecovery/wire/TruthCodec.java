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
 */
public final class TruthCodec {

    private static final JsonFactory JSON = new JsonFactory();

    private TruthCodec() {
    }

    /** X* = sum_j eigenvalues[j] v_j v_j^T at one moment of a scenario. */
    public record Truth(String array, String scenario, int d, double[] eigenvalues, double[][] eigenvectors,
                        long measurements, double scenarioTime, Instant updatedAt) {
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
     * X*, d x d row-major, from a truth message.
     *
     * @throws IllegalArgumentException when the payload is not a truth (or estimate) message
     */
    public static double[] matrix(byte[] payload) {
        EstimateCodec.Message m = EstimateCodec.decode(payload);
        if (m.d() < 1 || m.eigenvectors().length != m.rank() || m.eigenvalues().length != m.rank()) {
            throw new IllegalArgumentException("truth: expected d >= 1 and rank eigenvalues and eigenvectors");
        }
        return m.matrix();
    }
}
