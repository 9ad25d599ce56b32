package org.sensorrecovery.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;

import org.sensorrecovery.sensing.Measurement;

/** Writes measurements in the wire contract's JSON (the inverse of {@link MeasurementCodec}). */
public final class MeasurementEncoder {

    private static final JsonFactory JSON = new JsonFactory();

    private MeasurementEncoder() {
    }

    /** One measurement as a JSON object. */
    public static byte[] encode(DecodedMeasurement m) {
        return write(List.of(m), false);
    }

    /** A batch as a JSON array of objects. */
    public static byte[] encodeBatch(List<DecodedMeasurement> batch) {
        return write(batch, true);
    }

    private static byte[] write(List<DecodedMeasurement> ms, boolean batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * ms.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            if (batch) {
                g.writeStartArray();
            }
            for (DecodedMeasurement m : ms) {
                writeObject(g, m);
            }
            if (batch) {
                g.writeEndArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeObject(JsonGenerator g, DecodedMeasurement dm) throws IOException {
        g.writeStartObject();
        g.writeStringField("device", dm.device());
        g.writeNumberField("seq", dm.seq());
        Measurement m = dm.measurement();
        if (m instanceof Measurement.RankOne r) {
            writeVector(g, "a", r.a());
        } else if (m instanceof Measurement.Entry e) {
            g.writeNumberField("i", e.i());
            g.writeNumberField("j", e.j());
        } else if (m instanceof Measurement.Bilinear b) {
            writeVector(g, "a", b.a());
            writeVector(g, "b", b.b());
        } else if (m instanceof Measurement.Gaussian s) {
            g.writeNumberField("seed", new BigInteger(Long.toUnsignedString(s.seed())));
        } else if (m instanceof Measurement.Dense dense) {
            writeVector(g, "A", dense.a());
        }
        g.writeNumberField("y", m.y());
        g.writeEndObject();
    }

    private static void writeVector(JsonGenerator g, String name, double[] v) throws IOException {
        g.writeFieldName(name);
        g.writeArray(v, 0, v.length);
    }
}
