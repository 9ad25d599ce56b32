package org.sensorrecovery.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.journal.ArrayJournal;
import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.wire.ArrayShape;

class RecorderTest {

    private static final ArrayShape SHAPE = ArrayShape.square(Kind.RANK_ONE, 2);

    @TempDir
    Path dir;

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void journalsValidMeasurementsWithTheirArrivalAndReportsTheRest() throws Exception {
        List<String> reports = new ArrayList<>();
        long[] clock = {1000};
        Recorder recorder;
        try (ArrayJournal journal = ArrayJournal.open(dir.resolve("journal"))) {
            recorder = new Recorder(journal, SHAPE, Long.MAX_VALUE, reports::add, () -> clock[0]++);
            recorder.onMessage("t", json("{\"device\":\"d\",\"seq\":1,\"a\":[1,2],\"y\":5}"));
            recorder.onMessage("t", json("[{\"device\":\"d\",\"seq\":2,\"a\":[1],\"y\":5},{\"device\":\"d\",\"seq\":3,\"a\":[0,1],\"y\":1}]"));
            recorder.onMessage("t", json("not json"));
        }
        assertEquals(2, recorder.recorded());
        assertEquals(2, recorder.refused());
        assertEquals(2, reports.size());
        reports.forEach(r -> assertEquals("refused: ", r.substring(0, 9), r));
        List<JournalRecord> records = new ArrayList<>();
        Capture.forEach(dir, records::add);
        assertEquals(List.of(1000L, 1001L), records.stream().map(JournalRecord::arrivalNanos).toList());
        assertArrayEquals(new double[] {0, 1}, ((Measurement.RankOne) records.get(1).measurement()).a());
        CaptureManifest m = recorder.manifest("a1", false, SHAPE);
        assertEquals(2, m.count());
        assertEquals(1000, m.firstArrivalNanos());
        assertEquals(1001, m.lastArrivalNanos());
    }

    @Test
    void stopsAtTheLimitInsideABatchAndRecordsNothingAfter() throws Exception {
        Recorder recorder;
        try (ArrayJournal journal = ArrayJournal.open(dir.resolve("journal"))) {
            recorder = new Recorder(journal, SHAPE, 2, r -> { }, () -> 7);
            recorder.onMessage("t", json("[{\"seq\":1,\"a\":[1,2],\"y\":5},{\"seq\":2,\"a\":[1,2],\"y\":5},"
                    + "{\"seq\":3,\"a\":[1,2],\"y\":5}]"));
            recorder.await(0);
            recorder.onMessage("t", json("{\"seq\":4,\"a\":[1,2],\"y\":5}"));
        }
        assertEquals(2, recorder.recorded());
        assertEquals(2, Capture.forEach(dir, r -> { }));
    }

    @Test
    void anEmptyRecordingHasNoArrivalSpan() throws Exception {
        Recorder recorder;
        try (ArrayJournal journal = ArrayJournal.open(dir.resolve("journal"))) {
            recorder = new Recorder(journal, SHAPE, 5, r -> { });
            recorder.await(1);
        }
        CaptureManifest m = recorder.manifest("a1", false, SHAPE);
        assertEquals(0, m.count());
        assertEquals(0, m.firstArrivalNanos());
        assertEquals(0, m.lastArrivalNanos());
    }
}
