package org.sensorrecovery.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.solver.Estimate;
import org.sensorrecovery.solver.Loss;
import org.sensorrecovery.solver.SvdEstimate;

/** The wire contract for rectangular arrays: measurements, the SVD estimate message, the truth. */
class RectangularWireTest {

    private static final double R = 1 / Math.sqrt(2);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bilinearMeasurementsTakeRowsNumbersInAAndColsNumbersInB() {
        MeasurementCodec codec = new MeasurementCodec(new ArrayShape(Kind.BILINEAR, 3, 2), WireLimits.DEFAULT);
        DecodeResult ok = codec.decode(utf8("{\"device\":\"tx\",\"seq\":1,\"a\":[1,2,3],\"b\":[4,5],\"y\":6}"));
        assertEquals(1, ok.accepted().size());
        Measurement.Bilinear m = (Measurement.Bilinear) ok.accepted().get(0).measurement();
        assertArrayEquals(new double[] {4, 5}, m.b());
        DecodeResult bad = codec.decode(utf8("{\"seq\":2,\"a\":[1,2,3],\"b\":[4,5,6],\"y\":6}"));
        assertEquals("b: expected 2 numbers, got 3", bad.rejected().get(0).reason());
        DecodeResult missing = codec.decode(utf8("{\"seq\":3,\"a\":[1,2,3],\"y\":6}"));
        assertTrue(missing.rejected().get(0).reason().startsWith("b: missing"), missing.rejected().get(0).reason());
    }

    @Test
    void rectangularEntriesAreBoundedByRowsAndColsSeparately() {
        MeasurementCodec codec = new MeasurementCodec(new ArrayShape(Kind.ENTRY, 5, 2), WireLimits.DEFAULT);
        assertEquals(1, codec.decode(utf8("{\"seq\":1,\"i\":4,\"j\":1,\"y\":1}")).accepted().size());
        assertTrue(codec.decode(utf8("{\"seq\":2,\"i\":1,\"j\":2,\"y\":1}")).rejected().get(0).reason()
                .startsWith("j: index 2 out of range"));
        assertThrows(IllegalArgumentException.class, () -> new ArrayShape(Kind.RANK_ONE, 5, 2));
    }

    @Test
    void theSvdEstimateRoundTripsAndRebuildsTheMatrix() {
        SvdEstimate e = new SvdEstimate(2, 3, 1, new double[] {2.0}, new double[][] {{R, R}}, new double[][] {{1, 0, 0}},
                1e-9, 40, 17, 3, 0, Loss.L2, -1, List.of(), Double.NaN);
        byte[] json = EstimateCodec.encode(e, new EstimateCodec.Context("links", 41, 40, Instant.parse("2025-01-01T00:00:00Z")));
        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\"array\":\"links\",\"rows\":2,\"cols\":3,\"rank\":1,\"singularValues\":[2.0],"), text);
        assertFalse(text.contains("\"d\""), text);
        assertTrue(EstimateCodec.isRectangular(json));
        EstimateCodec.SvdMessage m = EstimateCodec.decodeSvd(json);
        assertEquals(41, m.measurements());
        assertEquals(40, m.window());
        assertEquals(40, m.journalIndex());
        assertEquals(17, m.iterations());
        assertArrayEquals(new double[] {2 * R, 0, 0, 2 * R, 0, 0}, m.matrix(), 1e-15);
        assertArrayEquals(e.matrix(), m.matrix(), 0.0);
    }

    @Test
    void aSymmetricEstimateIsNotRectangular() {
        Estimate e = new Estimate(2, 1, new double[] {1}, new double[][] {{1, 0}}, 0, 1, 1, 1, 0, Loss.L2, -1, List.of(),
                Double.NaN);
        byte[] json = EstimateCodec.encode(e, new EstimateCodec.Context("cov", 1, 0, Instant.EPOCH));
        assertFalse(EstimateCodec.isRectangular(json));
    }

    @Test
    void aRectangularMessageOfTheWrongShapeIsRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EstimateCodec.decodeSvd(utf8(
                "{\"rows\":2,\"cols\":3,\"rank\":1,\"singularValues\":[1],\"left\":[[1,0]],\"right\":[[1,0]]}")));
        assertTrue(e.getMessage().startsWith("right:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EstimateCodec.decodeSvd(utf8("{\"rank\":0}")));
        assertTrue(e.getMessage().startsWith("rows, cols:"), e.getMessage());
    }

    @Test
    void theRectangularTruthIsReadAsARowsByColsMatrix() {
        byte[] json = TruthCodec.encode(new TruthCodec.SvdTruth("links", "channel", 2, 3, new double[] {3.0},
                new double[][] {{0, 1}}, new double[][] {{0, 0, 1}}, 10, 0.5, Instant.EPOCH));
        assertTrue(new String(json, StandardCharsets.UTF_8).contains("\"scenario\":\"channel\""));
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 3}, TruthCodec.matrix(json), 0.0);
    }
}
