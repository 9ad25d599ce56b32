package org.sensorrecovery.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.ExcerptContext;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.Wire;

/**
 * The durable record of one array's accepted measurements: a Chronicle Queue of binary excerpts.
 * It is also the capture format: replaying a stream is reading a journal.
 *
 * <p>Appenders are per thread (Chronicle's rule); the runtime has one writer thread per array.
 * Before appending, a free-space guard refuses new excerpts while the file system has less than the
 * configured reserve (Chronicle dies with SIGBUS on a full disk); the probe runs at most every
 * {@value #SPACE_CHECK_EVERY} appends or every {@value #SPACE_CHECK_MILLIS} ms, whichever comes first.
 */
public final class ArrayJournal implements AutoCloseable {

    private static final int SPACE_CHECK_EVERY = 1024;
    private static final long SPACE_CHECK_MILLIS = 500;

    private final Path dir;
    private final SingleChronicleQueue queue;
    private final ThreadLocal<ExcerptAppender> appenders;
    private final SpaceProbe space;
    private final long reserveBytes;
    private final List<ExcerptAppender> opened = new ArrayList<>();
    private int sinceSpaceCheck = Integer.MAX_VALUE;
    private long lastSpaceCheck;
    private volatile boolean full;
    private long lastFree = -1;
    private volatile LongSupplier hold = () -> Long.MAX_VALUE;

    private ArrayJournal(Path dir, SingleChronicleQueue queue, SpaceProbe space, long reserveBytes) {
        this.dir = dir;
        this.queue = queue;
        this.space = space;
        this.reserveBytes = reserveBytes;
        this.appenders = ThreadLocal.withInitial(() -> {
            ExcerptAppender a = queue.createAppender();
            synchronized (opened) {
                opened.add(a);
            }
            return a;
        });
    }

    /**
     * Opens (creating if needed) the journal in dir.
     *
     * @param rollCycle how often a new cycle file starts (retention deletes whole cycles)
     * @param time time source for cycles (tests pass a settable one)
     * @param reserveBytes free space below which appends are refused
     */
    public static ArrayJournal open(Path dir, RollCycle rollCycle, TimeProvider time, SpaceProbe space,
                                    long reserveBytes) throws IOException {
        return open(dir, rollCycle, time, space, reserveBytes, JournalSync.NONE);
    }

    /**
     * Opens (creating if needed) the journal in dir, with {@link #sync()} doing what sync asks.
     *
     * @param sync NONE: {@link #sync()} does nothing; otherwise it msyncs what this thread appended
     */
    public static ArrayJournal open(Path dir, RollCycle rollCycle, TimeProvider time, SpaceProbe space,
                                    long reserveBytes, JournalSync sync) throws IOException {
        Files.createDirectories(dir);
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(rollCycle)
                .timeProvider(time)
                .syncMode(sync.chronicleMode())
                .build();
        return new ArrayJournal(dir, queue, space, reserveBytes);
    }

    /** Opens with the defaults: hourly cycles, the system clock, a 64 MiB reserve. */
    public static ArrayJournal open(Path dir) throws IOException {
        return open(dir, net.openhft.chronicle.queue.RollCycles.FAST_HOURLY,
                net.openhft.chronicle.core.time.SystemTimeProvider.INSTANCE, SpaceProbe.of(dir), 64L << 20);
    }

    public Path directory() {
        return dir;
    }

    /**
     * Appends a record on the calling thread's appender.
     *
     * @return the record's journal index
     * @throws JournalFullException while free space is below the reserve
     */
    public long append(JournalRecord record) throws JournalFullException {
        checkSpace();
        ExcerptAppender appender = appenders.get();
        appender.writeBytes(b -> RecordCodec.write(b, record));
        return appender.lastIndexAppended();
    }

    private void checkSpace() throws JournalFullException {
        long now = System.currentTimeMillis();
        if (full || ++sinceSpaceCheck >= SPACE_CHECK_EVERY || now - lastSpaceCheck >= SPACE_CHECK_MILLIS) {
            sinceSpaceCheck = 0;
            lastSpaceCheck = now;
            lastFree = space.usableBytes();
            full = lastFree >= 0 && lastFree < reserveBytes;
        }
        if (full) {
            throw new JournalFullException("journal " + dir + ": only " + lastFree + " bytes free, below the reserve of "
                    + reserveBytes + "; appends resume when space returns");
        }
    }

    /**
     * Makes what the calling thread appended durable (msync of the mapped cycle file up to its
     * write position, Chronicle's own {@code StoreAppender.sync}); a no-op for a journal opened
     * with {@link JournalSync#NONE}. Call on the appending thread.
     */
    public void sync() {
        // StoreAppender.sync() does this but its class is not public; ExcerptContext exposes the wire.
        Wire wire = ((ExcerptContext) appenders.get()).wire();
        if (wire == null) {
            return;
        }
        Bytes<?> bytes = wire.bytes();
        if (bytes.bytesStore() instanceof MappedBytesStore store) {
            store.syncUpTo(bytes.writePosition());
        }
    }

    /**
     * Probes the free space now (not at the next append's turn) and clears or sets {@link #full()}.
     *
     * @return whether appends are accepted
     */
    public boolean probeSpace() {
        sinceSpaceCheck = Integer.MAX_VALUE - 1;
        try {
            checkSpace();
            return true;
        } catch (JournalFullException e) {
            return false;
        }
    }

    /** True while appends are refused for lack of space. */
    public boolean full() {
        return full;
    }

    /** A reader whose position survives restarts under the given name (a named tailer). */
    public JournalReader reader(String name) {
        return new JournalReader(queue.createTailer(name));
    }

    /** A reader from the start of the journal (captures, replay). */
    public JournalReader readerFromStart() {
        return new JournalReader(queue.createTailer().toStart());
    }

    /** Index of the last record, or -1 when the journal is empty. */
    public long lastIndex() {
        long last = queue.lastIndex();
        return last < 0 || queue.firstIndex() == Long.MAX_VALUE ? -1 : last;
    }

    /** Excerpts in the journal (what retention kept). */
    public long entries() {
        return queue.entryCount();
    }

    /** Bytes of the journal's cycle files (their length: Chronicle grows them in chunks), -1 when unreadable. */
    public long sizeBytes() {
        long total = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX)) {
                    total += sizeOrZero(f);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
        return total;
    }

    /** A cycle file that retention deletes between list and size counts as 0. */
    private static long sizeOrZero(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Records after the given index (the last one a reader is done with; -1 for none), up to the
     * last; 0 when the index is the last or past it.
     */
    public long countAfter(long index) {
        long last = lastIndex();
        if (last < 0 || index >= last) {
            return 0;
        }
        if (index < 0) {
            return entries();
        }
        try {
            // Chronicle counts from inclusive to exclusive: index is done, last is not.
            return queue.countExcerpts(index, last);
        } catch (IllegalStateException e) {
            return entries();
        }
    }

    /**
     * A second reader whose unread records retention must keep (the uplink's forwarder): from now
     * on {@link #retain} keeps every cycle at or after the one of the index it supplies, the last
     * record that reader is durably done with (-1: nothing yet, so nothing is deleted).
     */
    public void hold(LongSupplier doneIndex) {
        this.hold = doneIndex;
    }

    /**
     * Deletes cycle files older than the last keepCycles, but never one at or after the cycle of
     * consumedIndex (what the worker has not read yet is kept whatever its age), nor one at or after
     * the cycle of the index a {@link #hold} supplies.
     *
     * @return how many files were deleted
     */
    public int retain(int keepCycles, long consumedIndex) throws IOException {
        long held = hold.getAsLong();
        if (held < 0) {
            return 0;
        }
        long keepFrom = Math.min(consumedIndex, held);
        RollCycle rc = queue.rollCycle();
        int current = rc.current(queue.time(), queue.epoch());
        int consumedCycle = keepFrom < 0 ? Integer.MIN_VALUE : rc.toCycle(keepFrom);
        int limit = Math.min(current - keepCycles + 1, consumedCycle);
        int deleted = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.endsWith(SingleChronicleQueue.SUFFIX)) {
                    continue;
                }
                Integer cycle = cycleOf(name.substring(0, name.length() - SingleChronicleQueue.SUFFIX.length()), rc);
                if (cycle != null && cycle < limit) {
                    Files.deleteIfExists(f);
                    deleted++;
                }
            }
        }
        if (deleted > 0) {
            queue.refreshDirectoryListing();
        }
        return deleted;
    }

    private Integer cycleOf(String stem, RollCycle rc) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern(rc.format()).withZone(ZoneOffset.UTC);
        try {
            var parsed = f.parse(stem);
            long millis = parsed.isSupported(ChronoField.HOUR_OF_DAY)
                    ? LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC).toEpochMilli()
                    : LocalDate.from(parsed).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            return (int) ((millis - queue.epoch()) / rc.lengthInMillis());
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        synchronized (opened) {
            opened.forEach(ExcerptAppender::close);
            opened.clear();
        }
        queue.close();
    }

    static long millisToNanos(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
