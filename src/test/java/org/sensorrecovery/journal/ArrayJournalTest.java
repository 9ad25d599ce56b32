package org.sensorrecovery.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.sensing.Measurement;

class ArrayJournalTest {

    @TempDir
    Path dir;

    private ArrayJournal open(Path path) throws IOException {
        return ArrayJournal.open(path, RollCycles.FAST_HOURLY, new SetTimeProvider(0).advanceMillis(1_000),
                () -> Long.MAX_VALUE, 0);
    }

    private static List<JournalRecord> readAll(JournalReader reader) {
        List<JournalRecord> out = new ArrayList<>();
        while (reader.next(out::add)) {
            // drain
        }
        return out;
    }

    @Test
    void everyKindRoundTripsBitForBit() throws Exception {
        List<JournalRecord> written = List.of(
                new JournalRecord(1, "a", 1, new Measurement.RankOne(new double[] {Math.PI, -0.0, Double.MIN_VALUE}, 1e-300)),
                new JournalRecord(2, "", 2, new Measurement.Entry(3, 4, -2.5)),
                new JournalRecord(3, "b\u00e9", Long.MAX_VALUE, new Measurement.Bilinear(new double[] {1, 2}, new double[] {3}, 4)),
                new JournalRecord(4, "c", 0, new Measurement.Gaussian(-1L, 0.125)),
                new JournalRecord(5, "d", 9, new Measurement.Dense(new double[] {1, 2, 3, 4}, Double.MAX_VALUE)));
        try (ArrayJournal j = open(dir)) {
            for (JournalRecord r : written) {
                j.append(r);
            }
            List<JournalRecord> read = readAll(j.readerFromStart());
            assertEquals(written.size(), read.size());
            for (int i = 0; i < written.size(); i++) {
                assertSame(written.get(i), read.get(i));
            }
        }
    }

    @Test
    void aNamedReaderResumesAfterTheJournalIsReopened() throws Exception {
        try (ArrayJournal j = open(dir)) {
            for (int i = 0; i < 10; i++) {
                j.append(new JournalRecord(i, "d", i, new Measurement.Entry(0, 0, i)));
            }
            JournalReader worker = j.reader("worker");
            for (int i = 0; i < 4; i++) {
                assertTrue(worker.next(r -> { }));
            }
        }
        try (ArrayJournal j = open(dir)) {
            List<JournalRecord> rest = readAll(j.reader("worker"));
            assertEquals(6, rest.size());
            assertEquals(4, rest.get(0).seq());
        }
    }

    @Test
    void moveAfterResumesAfterAGivenIndex() throws Exception {
        try (ArrayJournal j = open(dir)) {
            long[] index = new long[5];
            for (int i = 0; i < 5; i++) {
                index[i] = j.append(new JournalRecord(i, "d", i, new Measurement.Entry(0, 0, i)));
            }
            assertEquals(index[4], j.lastIndex());
            JournalReader r = j.readerFromStart();
            assertTrue(r.moveAfter(index[1]));
            List<JournalRecord> rest = readAll(r);
            assertEquals(3, rest.size());
            assertEquals(2, rest.get(0).seq());
            assertEquals(index[4], r.lastReadIndex());
        }
    }

    @Test
    void appendsAreRefusedBelowTheSpaceReserveAndResumeWhenSpaceReturns() throws Exception {
        AtomicLong free = new AtomicLong(1L << 30);
        try (ArrayJournal j = ArrayJournal.open(dir, RollCycles.FAST_HOURLY, new SetTimeProvider(0), free::get, 1L << 20)) {
            j.append(new JournalRecord(0, "d", 0, new Measurement.Entry(0, 0, 1)));
            free.set(1000);
            // The probe is rate-limited: within SPACE_CHECK_EVERY appends the low space is seen.
            JournalFullException e = assertThrows(JournalFullException.class, () -> {
                for (int i = 1; i < 5000; i++) {
                    j.append(new JournalRecord(i, "d", i, new Measurement.Entry(0, 0, 1)));
                }
            });
            assertTrue(e.getMessage().contains("1000 bytes free"), e.getMessage());
            assertTrue(j.full());
            free.set(1L << 30);
            j.append(new JournalRecord(9999, "d", 9999, new Measurement.Entry(0, 0, 1)));
            assertFalse(j.full());
        }
    }

    @Test
    void retentionKeepsUnconsumedCyclesWhateverTheirAge() throws Exception {
        SetTimeProvider time = new SetTimeProvider(0).advanceMillis(1_000);
        try (ArrayJournal j = ArrayJournal.open(dir, net.openhft.chronicle.queue.rollcycles.TestRollCycles.TEST_SECONDLY, time, () -> Long.MAX_VALUE, 0)) {
            long[] first = new long[6];
            for (int c = 0; c < 6; c++) {
                first[c] = j.append(new JournalRecord(c, "d", c, new Measurement.Entry(0, 0, c)));
                time.advanceMillis(1_000);
            }
            j.append(new JournalRecord(6, "d", 6, new Measurement.Entry(0, 0, 6)));
            assertEquals(7, cycleFiles());
            // Worker consumed nothing beyond cycle 1: keep everything from there even though only 2 are "recent".
            j.retain(2, first[1]);
            assertEquals(6, cycleFiles());
            // Worker consumed everything: keep the last 2 cycles only.
            j.retain(2, j.lastIndex());
            assertEquals(2, cycleFiles());
            List<JournalRecord> left = readAll(j.readerFromStart());
            assertEquals(5, left.get(0).seq());
        }
    }

    @Test
    void retentionKeepsWhatTheUplinkHasNotForwardedAndTheBacklogCountsIt() throws Exception {
        SetTimeProvider time = new SetTimeProvider(0).advanceMillis(1_000);
        try (ArrayJournal j = ArrayJournal.open(dir, net.openhft.chronicle.queue.rollcycles.TestRollCycles.TEST_SECONDLY, time, () -> Long.MAX_VALUE, 0)) {
            long[] first = new long[6];
            for (int c = 0; c < 6; c++) {
                first[c] = j.append(new JournalRecord(c, "d", c, new Measurement.Entry(0, 0, c)));
                j.append(new JournalRecord(c, "d", 100 + c, new Measurement.Entry(0, 0, c)));
                time.advanceMillis(1_000);
            }
            long[] forwarded = {-1};
            j.hold(() -> forwarded[0]);
            assertEquals(12, j.countAfter(-1));
            // Nothing forwarded yet: the worker's position alone deletes nothing.
            assertEquals(0, j.retain(1, j.lastIndex()));
            forwarded[0] = first[3];
            assertEquals(5, j.countAfter(first[3]));
            // Forwarded into cycle 3: cycles 0 to 2 go, whatever the worker read beyond.
            assertEquals(3, j.retain(1, j.lastIndex()));
            assertEquals(3, readAll(j.readerFromStart()).get(0).seq());
            assertEquals(0, j.countAfter(j.lastIndex()));
        }
    }

    @Test
    void twoHundredThousandRecordsReadBackInOrder() throws Exception {
        try (ArrayJournal j = open(dir)) {
            double[] a = new double[32];
            for (int i = 0; i < 200_000; i++) {
                a[0] = i;
                j.append(new JournalRecord(i, "dev", i, new Measurement.RankOne(a, i)));
            }
            JournalReader r = j.readerFromStart();
            long[] expected = {0};
            while (r.next(rec -> {
                assertEquals(expected[0], rec.seq());
                assertEquals(expected[0], ((Measurement.RankOne) rec.measurement()).a()[0]);
                expected[0]++;
            })) {
                // drain
            }
            assertEquals(200_000, expected[0]);
        }
    }

    private long cycleFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".cq4")).count();
        }
    }

    private static void assertSame(JournalRecord w, JournalRecord r) {
        assertEquals(w.arrivalNanos(), r.arrivalNanos());
        assertEquals(w.device(), r.device());
        assertEquals(w.seq(), r.seq());
        assertEquals(w.measurement().kind(), r.measurement().kind());
        assertEquals(Double.doubleToRawLongBits(w.measurement().y()), Double.doubleToRawLongBits(r.measurement().y()));
        Measurement a = w.measurement();
        Measurement b = r.measurement();
        if (a instanceof Measurement.RankOne x) {
            assertArrayEquals(x.a(), ((Measurement.RankOne) b).a());
        } else if (a instanceof Measurement.Entry x) {
            assertEquals(x, b);
        } else if (a instanceof Measurement.Bilinear x) {
            assertArrayEquals(x.a(), ((Measurement.Bilinear) b).a());
            assertArrayEquals(x.b(), ((Measurement.Bilinear) b).b());
        } else if (a instanceof Measurement.Gaussian x) {
            assertEquals(x, b);
        } else if (a instanceof Measurement.Dense x) {
            assertArrayEquals(x.a(), ((Measurement.Dense) b).a());
        }
    }
}
