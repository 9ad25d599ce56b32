package org.sensorrecovery.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.simulate.SimulatedArray;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.EstimateCodec;

class OwnedArrayTest {

    private static final ArrayConfig CONFIG = new ArrayConfig("a", Kind.RANK_ONE, 8, 0, 4096, Method.PRECOND, 1e-3, 1e-12, 50);

    /** A partition's records: offset = position in the list; every 7th redelivers the one before it. */
    private static List<DecodedMeasurement> partition(int distinct) {
        SimulatedArray sim = new SimulatedArray(Kind.RANK_ONE, 8, new double[] {2, 1}, 0, 5);
        List<DecodedMeasurement> out = new ArrayList<>();
        for (int seq = 0; seq < distinct; seq++) {
            DecodedMeasurement m = new DecodedMeasurement("dev", seq, sim.next());
            out.add(m);
            if (seq % 7 == 6) {
                out.add(m);
            }
        }
        return out;
    }

    private static void converge(OwnedArray a) {
        for (int i = 0; i < 2000 && a.refine(); i++) {
            // refine until converged
        }
    }

    @Test
    void aSuccessorRestoredFromTheCheckpointCountsEachMeasurementOnceAndRecovers() {
        List<DecodedMeasurement> records = partition(300);
        OwnedArray first = new OwnedArray(CONFIG);
        int cut = 200;
        for (int o = 0; o < cut; o++) {
            first.offer(o, records.get(o));
        }
        converge(first);
        byte[] checkpoint = first.checkpoint();
        // The first owner goes on a little past its checkpoint, then dies: its later work is lost.
        for (int o = cut; o < cut + 30; o++) {
            first.offer(o, records.get(o));
        }
        OwnedArray next = new OwnedArray(CONFIG);
        next.restore(checkpoint);
        assertEquals(0, next.seekFrom(), "the window starts at the partition's first record");
        for (int o = (int) next.seekFrom(); o < records.size(); o++) {
            next.offer(o, records.get(o));
        }
        converge(next);
        assertEquals(300, next.measurements());
        assertEquals(records.size() - 300, next.duplicates());
        byte[] json = next.estimateIfChanged(Instant.EPOCH);
        assertNotNull(json);
        EstimateCodec.Message m = EstimateCodec.decode(json);
        assertEquals(300, m.measurements());
        double error = new SimulatedArray(Kind.RANK_ONE, 8, new double[] {2, 1}, 0, 5).relativeError(m.matrix());
        // Noise-free data and a 1e-12 tolerance: the error is round-off, far below the 1e-6 the cluster test asks.
        assertTrue(error < 1e-6, "error " + error);
    }

    @Test
    void recordsAtOrBeforeTheCheckpointAreNeverCountedAgain() {
        List<DecodedMeasurement> records = partition(50);
        OwnedArray first = new OwnedArray(CONFIG);
        for (int o = 0; o < records.size(); o++) {
            first.offer(o, records.get(o));
        }
        OwnedArray next = new OwnedArray(CONFIG);
        next.restore(first.checkpoint());
        for (int round = 0; round < 2; round++) {
            for (int o = 0; o < records.size(); o++) {
                next.offer(o, records.get(o));
            }
        }
        assertEquals(50, next.measurements());
        assertEquals(first.duplicates(), next.duplicates());
    }
}
