package org.sensorrecovery.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.journal.ArrayJournal;
import org.sensorrecovery.journal.JournalSync;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.store.BackgroundWriter;
import org.sensorrecovery.wire.ArrayShape;
import org.sensorrecovery.wire.MeasurementCodec;
import org.sensorrecovery.wire.Rejection;
import org.sensorrecovery.wire.WireLimits;

/** The delivery contract at the ingest of one array: what is acknowledged, and when. */
class ArrayIngestTest {

    private static final long RESERVE = 1_000;

    @TempDir
    Path dir;

    private final AtomicLong free = new AtomicLong(Long.MAX_VALUE);
    private final List<String> events = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();
    private final BackgroundWriter writer = new BackgroundWriter("test-writer");
    private ArrayJournal journal;

    @AfterEach
    void close() {
        writer.close();
        if (journal != null) {
            journal.close();
        }
    }

    private ArrayIngest ingest(JournalSync sync) throws IOException {
        journal = ArrayJournal.open(dir.resolve("journal"), RollCycles.FAST_HOURLY, new SetTimeProvider(0), free::get,
                RESERVE, sync);
        MeasurementCodec codec = new MeasurementCodec(ArrayShape.square(Kind.ENTRY, 8), WireLimits.DEFAULT);
        Runnable durability = () -> {
            journal.sync();
            events.add("sync");
        };
        return new ArrayIngest("a", codec, journal, (id, r) -> rejections.add(r), () -> 0L, dir.resolve("ingest.state"),
                writer, sync, durability);
    }

    private static byte[] entry(long seq) {
        return ("{\"device\": \"d\", \"seq\": " + seq + ", \"i\": 1, \"j\": 2, \"y\": 0.5}").getBytes(StandardCharsets.UTF_8);
    }

    private Runnable ack(long seq) {
        return () -> events.add("ack " + seq);
    }

    @Test
    void withBatchSyncNothingIsAcknowledgedBeforeTheSyncThatCoversIt() throws IOException {
        ArrayIngest in = ingest(JournalSync.BATCH);
        for (long s = 0; s < 3; s++) {
            in.offer(entry(s), ack(s));
        }
        assertEquals(List.of(), events, "journaled, not yet synced: no acknowledgement");
        assertEquals(3, journal.entries());
        assertEquals(3, in.syncNow());
        in.offer(entry(3), ack(3));
        in.offer(entry(3), ack(30));
        assertEquals(2, in.syncNow());
        assertEquals(0, in.syncNow(), "nothing new: no sync");
        assertEquals(List.of("sync", "ack 0", "ack 1", "ack 2", "sync", "ack 3", "ack 30"), events);
        assertEquals(1, in.counters().duplicates());
    }

    @Test
    void withAlwaysEachMessageIsSyncedBeforeItsAcknowledgement() throws IOException {
        ArrayIngest in = ingest(JournalSync.ALWAYS);
        in.offer(entry(0), ack(0));
        in.offer(entry(1), ack(1));
        assertEquals(List.of("sync", "ack 0", "sync", "ack 1"), events);
    }

    @Test
    void withoutSyncAMessageIsAcknowledgedOnceJournaled() throws IOException {
        ArrayIngest in = ingest(JournalSync.NONE);
        in.offer(entry(0), () -> events.add("ack with " + journal.entries() + " journaled"));
        assertEquals(List.of("ack with 1 journaled"), events);
    }

    @Test
    void aRefusedOrDuplicateMessageIsAcknowledgedToo() throws IOException {
        ArrayIngest in = ingest(JournalSync.NONE);
        in.offer("{\"seq\": 1, \"i\": 99, \"j\": 2, \"y\": 0.5}".getBytes(StandardCharsets.UTF_8), ack(1));
        in.offer("not json".getBytes(StandardCharsets.UTF_8), ack(2));
        assertEquals(List.of("ack 1", "ack 2"), events);
        assertEquals(2, in.counters().rejected());
        assertEquals(2, rejections.size());
    }

    @Test
    void aFullJournalPausesTheArrayUnacknowledgedAndItResumesInOrderWhenSpaceReturns() throws IOException {
        ArrayIngest in = ingest(JournalSync.NONE);
        for (long s = 0; s < 100; s++) {
            in.offer(entry(s), ack(s));
        }
        free.set(RESERVE - 1);
        journal.probeSpace();
        events.clear();
        for (long s = 100; s < 3_100; s++) {
            in.offer(entry(s), ack(s));
        }
        in.offer(entry(5), ack(5));
        assertEquals(List.of(), events, "nothing refused by the journal is acknowledged");
        assertEquals(3_001, in.pausedMessages());
        assertEquals(0, in.resume(), "no space yet");
        assertEquals(100, in.counters().accepted());
        assertEquals(0, in.counters().rejected(), "a full journal is a pause, not a rejection");

        free.set(Long.MAX_VALUE);
        assertEquals(3_001, in.resume());
        assertEquals(0, in.pausedMessages());
        assertEquals(3_100, in.counters().accepted());
        assertEquals(1, in.counters().duplicates());
        assertEquals(3_100, journal.entries());
        List<String> expected = new ArrayList<>();
        for (long s = 100; s < 3_100; s++) {
            expected.add("ack " + s);
        }
        expected.add("ack 5");
        assertEquals(expected, events);
        assertTrue(!journal.full());
    }
}
