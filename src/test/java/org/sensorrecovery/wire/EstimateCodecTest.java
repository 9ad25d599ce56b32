package org.sensorrecovery.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.solver.Estimate;
import org.sensorrecovery.solver.Loss;

class EstimateCodecTest {

    @Test
    void encodesTheContractFieldsAndDecodesThemBack() {
        Estimate e = new Estimate(2, 1, new double[] {3.0}, new double[][] {{0.6, 0.8}}, 1e-9, 40, 12, 3, 0, Loss.L2, -1,
                List.of(), Double.NaN);
        byte[] json = EstimateCodec.encode(e, new EstimateCodec.Context("cov", 41, 77, Instant.parse("2026-11-25T10:00:00Z")));
        String text = new String(json, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("{\"array\":\"cov\",\"d\":2,\"rank\":1,\"eigenvalues\":[3.0],\"eigenvectors\":[[0.6,0.8]],"
                + "\"measurements\":41,\"window\":40,\"journalIndex\":77,\"residual\":1.0E-9,\"iterations\":12,"
                + "\"updatedAt\":\"2026-11-25T10:00:00Z\"}", text);
        EstimateCodec.Message m = EstimateCodec.decode(json);
        assertEquals("cov", m.array());
        assertArrayEquals(new double[] {3 * 0.36, 3 * 0.48, 3 * 0.48, 3 * 0.64}, m.matrix(), 1e-15);
        assertEquals(41, m.measurements());
        assertEquals(77, m.journalIndex());
    }
}
