package org.sensorrecovery.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.sensorrecovery.wire.ArrayShape;
import org.sensorrecovery.wire.DecodeResult;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementCodec;
import org.sensorrecovery.wire.Rejection;
import org.sensorrecovery.wire.WireLimits;

/**
 * Measurements in the wire contract's JSON, one message (an object or a batch) a line, as solve,
 * import and the portable captures read them: each line decoded for the array, its rejections
 * first, then its valid measurements.
 */
public final class WireLines {

    /** Takes one valid measurement. */
    @FunctionalInterface
    public interface Accepted<E extends Exception> {
        void accept(int line, DecodedMeasurement m) throws IOException, E;
    }

    /** Takes one rejection: a line that is not a message, or an element of a batch. */
    @FunctionalInterface
    public interface Refused<E extends Exception> {
        void refuse(int line, Rejection r) throws IOException, E;
    }

    private WireLines() {
    }

    /** Decodes every non-blank line of in for an array of this shape. */
    public static <E extends Exception> void forEach(BufferedReader in, ArrayShape shape, Accepted<E> accepted,
                                                     Refused<E> refused) throws IOException, E {
        MeasurementCodec codec = new MeasurementCodec(shape, WireLimits.DEFAULT);
        TextLines.forEach(in, (lineNo, line) -> {
            DecodeResult r = codec.decode(line.getBytes(StandardCharsets.UTF_8));
            for (Rejection rej : r.rejected()) {
                refused.refuse(lineNo, rej);
            }
            for (DecodedMeasurement m : r.accepted()) {
                accepted.accept(lineNo, m);
            }
        });
    }
}
