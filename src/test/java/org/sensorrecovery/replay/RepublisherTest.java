package org.sensorrecovery.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.capture.PortableCapture;
import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.testing.StubTransport;
import org.sensorrecovery.wire.ArrayShape;
import org.sensorrecovery.wire.DecodeResult;
import org.sensorrecovery.wire.MeasurementCodec;
import org.sensorrecovery.wire.WireLimits;

class RepublisherTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    /** Publishes into a list; the clock moves only when the republisher sleeps. */
    private static final class Recorder extends StubTransport {
        final List<String> topics = new ArrayList<>();
        final List<byte[]> payloads = new ArrayList<>();
        final List<Long> sentAt = new ArrayList<>();
        long now = 5 * SECOND;

        @Override
        public void publish(String topic, byte[] payload, int qos, boolean retained) {
            assertEquals(1, qos);
            assertFalse(retained);
            topics.add(topic);
            payloads.add(payload);
            sentAt.add(now);
        }
    }

    /** A rank-one capture (d = 2) whose measurements arrived at the given times, seq 0, 1, ... */
    private Path capture(long... arrivals) throws Exception {
        Path capture = dir.resolve("capture");
        try (PortableCapture.Writer w = new PortableCapture.Writer(capture, "a1", Kind.RANK_ONE, 2)) {
            for (int i = 0; i < arrivals.length; i++) {
                w.write(new JournalRecord(arrivals[i], "dev", i, new Measurement.RankOne(new double[] {i, 1.5}, 0.25 * i)));
            }
        }
        return capture;
    }

    @Test
    void publishesEveryMeasurementInJournalOrderAsTheWireContractsMessage() throws Exception {
        Recorder broker = new Recorder();
        List<Long> progress = new ArrayList<>();
        Republisher.Summary s = new Republisher(broker, () -> broker.now, n -> {
            throw new AssertionError("no waiting at speed max");
        }).run(capture(100, 7 * SECOND, 9 * SECOND), "sensors/a1/m", Double.POSITIVE_INFINITY, progress::add);
        assertEquals(3, s.measurements());
        assertEquals(List.of(1L, 2L, 3L), progress);
        assertEquals(List.of("sensors/a1/m", "sensors/a1/m", "sensors/a1/m"), broker.topics);
        MeasurementCodec codec = new MeasurementCodec(ArrayShape.square(Kind.RANK_ONE, 2), WireLimits.DEFAULT);
        for (int i = 0; i < 3; i++) {
            DecodeResult r = codec.decode(broker.payloads.get(i));
            assertTrue(r.rejected().isEmpty(), r.rejected().toString());
            assertEquals(1, r.accepted().size());
            assertEquals("dev", r.accepted().get(0).device());
            assertEquals(i, r.accepted().get(0).seq());
            Measurement.RankOne m = (Measurement.RankOne) r.accepted().get(0).measurement();
            assertArrayEquals(new double[] {i, 1.5}, m.a());
            assertEquals(0.25 * i, m.y());
        }
    }

    @Test
    void keepsTheOriginalGapsDividedBySpeed() throws Exception {
        Recorder broker = new Recorder();
        List<Long> sleeps = new ArrayList<>();
        Republisher.Summary s = new Republisher(broker, () -> broker.now, n -> {
            sleeps.add(n);
            broker.now += n;
        }).run(capture(SECOND, 2 * SECOND, 2 * SECOND, 5 * SECOND), "t", 2, n -> { });
        long start = 5 * SECOND;
        assertEquals(List.of(start, start + SECOND / 2, start + SECOND / 2, start + 2 * SECOND), broker.sentAt);
        assertEquals(List.of(SECOND / 2, 3 * SECOND / 2), sleeps);
        assertEquals(2.0, s.seconds(), 1e-12);
    }

    @Test
    void refusesASpeedThatIsNotPositive() throws Exception {
        Path capture = capture(1);
        Republisher r = new Republisher(new Recorder());
        assertThrows(IllegalArgumentException.class, () -> r.run(capture, "t", 0, n -> { }));
        assertThrows(IllegalArgumentException.class, () -> r.run(capture, "t", Double.NaN, n -> { }));
    }
}
