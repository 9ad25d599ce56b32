package org.sensorrecovery.simulate;

import java.nio.charset.StandardCharsets;

import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementEncoder;

/**
 * Broken variants of a valid measurement message, each with (part of) the reason the runtime gives
 * when it refuses it: cut-off JSON, a non-finite y, a vector of the wrong length (or an index out
 * of range), a missing seq, an unknown field.
 */
final class MalformedMessages {

    static final int VARIANTS = 5;

    /** A malformed payload and the reason text the runtime's rejection contains. */
    record Malformed(byte[] payload, String reason) {
    }

    private MalformedMessages() {
    }

    /**
     * @param variant which breakage, in [0, VARIANTS)
     * @param m the measurement to break
     * @param d the array's dimension (its rows for a rectangular array)
     */
    static Malformed of(int variant, DecodedMeasurement m, int d) {
        String json = text(m);
        return switch (variant) {
            case 0 -> new Malformed(bytes(json.substring(0, json.length() / 2)), "malformed JSON");
            case 1 -> new Malformed(bytes(json.substring(0, json.lastIndexOf("\"y\":")) + "\"y\":NaN}"),
                    "y: must be a finite number, got NaN");
            case 2 -> wrongShape(m, d);
            case 3 -> new Malformed(bytes(json.replaceFirst("\"seq\":[0-9]+,", "")), "seq: missing");
            case 4 -> new Malformed(bytes("{\"temperature\":21.5," + json.substring(1)), "temperature: unknown field");
            default -> throw new IllegalArgumentException("variant: must be in [0, " + VARIANTS + "), got " + variant);
        };
    }

    private static Malformed wrongShape(DecodedMeasurement dm, int d) {
        Measurement m = dm.measurement();
        if (m instanceof Measurement.RankOne r) {
            int n = d > 1 ? d - 1 : 2;
            return new Malformed(encode(dm, new Measurement.RankOne(java.util.Arrays.copyOf(r.a(), n), r.y())),
                    "a: expected " + d + " numbers, got " + n);
        }
        if (m instanceof Measurement.Dense dense) {
            int n = d * d + 1;
            return new Malformed(encode(dm, new Measurement.Dense(java.util.Arrays.copyOf(dense.a(), n), dense.y())),
                    "A: expected " + d * d + " numbers, got " + n);
        }
        if (m instanceof Measurement.Bilinear b) {
            int n = d > 1 ? d - 1 : 2;
            return new Malformed(encode(dm, new Measurement.Bilinear(java.util.Arrays.copyOf(b.a(), n), b.b(), b.y())),
                    "a: expected " + d + " numbers, got " + n);
        }
        if (m instanceof Measurement.Entry e) {
            return new Malformed(encode(dm, new Measurement.Entry(d, e.j(), e.y())),
                    "i: index " + d + " out of range [0, " + d + ")");
        }
        String json = text(dm).replaceFirst("\"seed\":[0-9]+", "\"seed\":-1");
        return new Malformed(bytes(json), "seed: must be in [0, 2^64), got -1");
    }

    private static byte[] encode(DecodedMeasurement dm, Measurement broken) {
        return MeasurementEncoder.encode(new DecodedMeasurement(dm.device(), dm.seq(), broken));
    }

    private static String text(DecodedMeasurement m) {
        return new String(MeasurementEncoder.encode(m), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
