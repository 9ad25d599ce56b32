package org.sensorrecovery.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

import org.sensorrecovery.journal.ArrayJournal;
import org.sensorrecovery.journal.JournalFullException;
import org.sensorrecovery.journal.JournalReader;
import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.store.AtomicFile;
import org.sensorrecovery.store.BackgroundWriter;
import org.sensorrecovery.wire.DecodeResult;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementCodec;
import org.sensorrecovery.wire.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest of one array: decodes each message, drops redeliveries by (device, seq), appends every
 * valid measurement to the journal before the message is acknowledged, and reports each reject.
 * One owner thread (the MQTT client's delivery thread); it owns the duplicate filter and saves it
 * with the journal index it covers, so a restart neither double-journals nor forgets.
 */
public final class ArrayIngest {

    private static final Logger LOG = LoggerFactory.getLogger(ArrayIngest.class);
    private static final long SAVE_EVERY_NANOS = 2_000_000_000L;
    private static final int RECENT_REJECTIONS = 20;

    private final String array;
    private final MeasurementCodec codec;
    private final ArrayJournal journal;
    private final BiConsumer<String, Rejection> rejects;
    private final LongSupplier epochNanos;
    private final AtomicFile state;
    private final BackgroundWriter writer;
    private final IngestCounters counters = new IngestCounters();
    private final RecentRejections recent = new RecentRejections(RECENT_REJECTIONS);
    private DuplicateFilter filter;
    private long lastIndex = -1;
    private long lastSave;
    private boolean dirty;

    /**
     * @param rejects receives (array, rejection) for the rejected topic
     * @param stateFile where the duplicate filter is saved
     * @param writer writes the saved filter off the delivery thread
     */
    public ArrayIngest(String array, MeasurementCodec codec, ArrayJournal journal, BiConsumer<String, Rejection> rejects,
                       LongSupplier epochNanos, Path stateFile, BackgroundWriter writer) throws IOException {
        this.array = array;
        this.codec = codec;
        this.journal = journal;
        this.rejects = rejects;
        this.epochNanos = epochNanos;
        this.state = new AtomicFile(stateFile);
        this.writer = writer;
        restore();
    }

    public IngestCounters counters() {
        return counters;
    }

    /** The last rejections, with their buckets, for the dashboard. */
    public RecentRejections recentRejections() {
        return recent;
    }

    /** Handles one MQTT message; never throws. */
    public void onMessage(byte[] payload) {
        DecodeResult r = codec.decode(payload);
        counters.received.addAndGet(r.accepted().size() + r.rejected().size());
        for (DecodedMeasurement m : r.accepted()) {
            admit(m);
        }
        for (Rejection rej : r.rejected()) {
            reject(rej);
        }
        counters.missing.set(filter.missing());
        maybeSave();
    }

    /**
     * Counts as missing the gaps below the highest seq of devices that have been quiet for
     * {@link DuplicateFilter#QUIET_NANOS} (the reorder window alone never judges a device's last
     * gap). Call every few seconds, on the owner thread or under its lock: the filter has one owner.
     *
     * @param nowNanos a monotonic clock's reading
     */
    public void sweep(long nowNanos) {
        if (filter.sweep(nowNanos, DuplicateFilter.QUIET_NANOS) != 0) {
            counters.missing.set(filter.missing());
            dirty = true;
            maybeSave();
        }
    }

    private void admit(DecodedMeasurement m) {
        DuplicateFilter.Verdict v = filter.check(m.device(), m.seq());
        if (v == DuplicateFilter.Verdict.DUPLICATE) {
            counters.duplicates.incrementAndGet();
            return;
        }
        if (v == DuplicateFilter.Verdict.TOO_OLD) {
            reject(new Rejection("seq: " + m.seq() + " is more than " + DuplicateFilter.WINDOW
                    + " behind the device's latest; cannot tell it from a redelivery", m.device(), m.seq(), 0));
            return;
        }
        try {
            lastIndex = journal.append(new JournalRecord(epochNanos.getAsLong(), m.device(), m.seq(), m.measurement()));
            filter.record(m.device(), m.seq());
            counters.accepted.incrementAndGet();
            dirty = true;
        } catch (JournalFullException e) {
            reject(new Rejection("not journaled: " + e.getMessage(), m.device(), m.seq(), 0));
        }
    }

    private void reject(Rejection r) {
        RejectReason bucket = RejectReason.classify(r.reason());
        counters.rejected(bucket, 1);
        recent.add(new RecentRejections.Entry(epochNanos.getAsLong() / 1_000_000, bucket, r));
        try {
            rejects.accept(array, r);
        } catch (RuntimeException e) {
            LOG.warn("array {}: could not publish a rejection ({}): {}", array, r.reason(), e.getMessage());
        }
    }

    private void maybeSave() {
        long now = System.nanoTime();
        if (dirty && now - lastSave >= SAVE_EVERY_NANOS) {
            save();
            lastSave = now;
        }
    }

    /**
     * Saves the duplicate filter with the journal index it covers (written in the background; a
     * filter that never reaches the disk is rebuilt from the journal on restart). Call from the
     * owner thread or after it stopped.
     */
    public void save() {
        byte[] f = filter.toBytes();
        ByteBuffer b = ByteBuffer.allocate(8 + f.length).putLong(lastIndex).put(f);
        writer.submit(state, b.array(), null);
        dirty = false;
    }

    /** Loads the saved filter, then replays the journal after its index so that nothing journaled is forgotten. */
    private void restore() throws IOException {
        Optional<byte[]> saved;
        try {
            saved = state.read();
        } catch (IOException e) {
            LOG.warn("array {}: {}; rebuilding the duplicate filter from the whole journal", array, e.getMessage());
            saved = Optional.empty();
        }
        long from = -1;
        if (saved.isPresent()) {
            ByteBuffer b = ByteBuffer.wrap(saved.get());
            from = b.getLong();
            byte[] rest = new byte[b.remaining()];
            b.get(rest);
            filter = DuplicateFilter.fromBytes(rest);
        } else {
            filter = new DuplicateFilter();
        }
        try (JournalReader reader = journal.readerFromStart()) {
            if (from >= 0 && !reader.moveAfter(from)) {
                reader.toStart();
            }
            while (reader.next(rec -> {
                if (filter.check(rec.device(), rec.seq()) == DuplicateFilter.Verdict.NEW) {
                    filter.record(rec.device(), rec.seq());
                }
            })) {
                lastIndex = reader.lastReadIndex();
            }
        }
        if (lastIndex < from) {
            lastIndex = from;
        }
        counters.missing.set(filter.missing());
    }
}
