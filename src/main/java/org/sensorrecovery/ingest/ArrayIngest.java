package org.sensorrecovery.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

import org.sensorrecovery.journal.ArrayJournal;
import org.sensorrecovery.journal.JournalFullException;
import org.sensorrecovery.journal.JournalReader;
import org.sensorrecovery.journal.JournalSync;
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
 * valid measurement to the journal, and acknowledges the message only once everything in it is
 * journaled and, with {@code journal.sync} batch or always, synced (the delivery contract of
 * DESIGN.md). A message the journal refuses (disk below the reserve) is not acknowledged: it and
 * every later message of this array wait, in order, until {@link #resume()} finds space again.
 * One owner thread (the {@link IngestLoop}); it owns the duplicate filter and saves it with the
 * journal index it covers, so a restart neither double-journals nor forgets.
 */
public final class ArrayIngest {

    private static final Logger LOG = LoggerFactory.getLogger(ArrayIngest.class);
    private static final int RECENT_REJECTIONS = 20;

    private final String array;
    private final MeasurementCodec codec;
    private final ArrayJournal journal;
    private final BiConsumer<String, Rejection> rejects;
    private final LongSupplier epochNanos;
    private final AtomicFile state;
    private final BackgroundWriter writer;
    private final Acknowledgements acks;
    private final IngestCounters counters = new IngestCounters();
    private final RecentRejections recent = new RecentRejections(RECENT_REJECTIONS);
    private final ArrayDeque<Pending> paused = new ArrayDeque<>();
    private volatile int pausedMessages;
    private DuplicateFilter filter;
    private long lastIndex = -1;
    private boolean dirty;
    private String refusal;

    /**
     * A message not yet wholly journaled. Its measurements are decoded once (rest, from next on);
     * a message that arrived while the array was paused keeps its payload until its turn.
     */
    private static final class Pending {
        final Runnable ack;
        byte[] payload;
        List<DecodedMeasurement> rest;
        int next;

        Pending(byte[] payload, Runnable ack) {
            this.payload = payload;
            this.ack = ack;
        }
    }

    /**
     * @param rejects receives (array, rejection) for the rejected topic; must not block
     * @param stateFile where the duplicate filter is saved
     * @param writer writes the saved filter off the ingest thread
     * @param sync when a journaled message may be acknowledged
     */
    public ArrayIngest(String array, MeasurementCodec codec, ArrayJournal journal, BiConsumer<String, Rejection> rejects,
                       LongSupplier epochNanos, Path stateFile, BackgroundWriter writer, JournalSync sync)
            throws IOException {
        this(array, codec, journal, rejects, epochNanos, stateFile, writer, sync, journal::sync);
    }

    /** @param durability makes what was appended durable (the journal's sync; a test observes it) */
    ArrayIngest(String array, MeasurementCodec codec, ArrayJournal journal, BiConsumer<String, Rejection> rejects,
                LongSupplier epochNanos, Path stateFile, BackgroundWriter writer, JournalSync sync, Runnable durability)
            throws IOException {
        this.array = array;
        this.codec = codec;
        this.journal = journal;
        this.rejects = rejects;
        this.epochNanos = epochNanos;
        this.state = new AtomicFile(stateFile);
        this.writer = writer;
        this.acks = new Acknowledgements(sync, durability);
        restore();
    }

    public String array() {
        return array;
    }

    public IngestCounters counters() {
        return counters;
    }

    /** The last rejections, with their buckets, for the dashboard. */
    public RecentRejections recentRejections() {
        return recent;
    }

    /** Messages received but not acknowledged because the journal refused them (any thread). */
    public int pausedMessages() {
        return pausedMessages;
    }

    /**
     * Handles one message; never throws. The ack runs once the message is journaled (and synced,
     * per {@code journal.sync}), or once it is wholly refused or a duplicate; not while the journal
     * refuses it.
     */
    public void offer(byte[] payload, Runnable ack) {
        Pending p = new Pending(payload, ack);
        if (!paused.isEmpty()) {
            paused.add(p);
            pausedMessages = paused.size();
            return;
        }
        if (!journalAll(p)) {
            paused.add(p);
            pausedMessages = paused.size();
        }
    }

    /** Handles one message, acknowledging as soon as that is allowed (tests, tools without MQTT). */
    public void onMessage(byte[] payload) {
        offer(payload, () -> { });
    }

    /**
     * Retries the paused messages, in order, if the journal has space again.
     *
     * @return how many messages it completed
     */
    public int resume() {
        if (paused.isEmpty() || !journal.probeSpace()) {
            return 0;
        }
        int done = 0;
        while (!paused.isEmpty() && journalAll(paused.peek())) {
            paused.poll();
            done++;
        }
        pausedMessages = paused.size();
        if (paused.isEmpty()) {
            LOG.info("array {}: the journal has space again; ingest resumed", array);
        }
        return done;
    }

    /**
     * Decodes (once) and journals what is left of a message.
     *
     * @return false when the journal refused a measurement: the message stays unacknowledged
     */
    private boolean journalAll(Pending p) {
        if (p.rest == null) {
            DecodeResult r = codec.decode(p.payload);
            p.payload = null;
            p.rest = r.accepted();
            counters.received.addAndGet(r.accepted().size() + r.rejected().size());
            for (Rejection rej : r.rejected()) {
                reject(rej);
            }
        }
        while (p.next < p.rest.size()) {
            if (!admit(p.rest.get(p.next))) {
                if (paused.isEmpty()) {
                    LOG.warn("array {}: {}; ingest paused, messages stay unacknowledged until space returns", array,
                            refusal);
                }
                return false;
            }
            p.next++;
        }
        acks.completed(p.ack);
        return true;
    }

    /** @return false when the journal refused it (nothing recorded) */
    private boolean admit(DecodedMeasurement m) {
        DuplicateFilter.Verdict v = filter.check(m.device(), m.seq());
        if (v == DuplicateFilter.Verdict.DUPLICATE) {
            counters.duplicates.incrementAndGet();
            return true;
        }
        if (v == DuplicateFilter.Verdict.TOO_OLD) {
            reject(new Rejection("seq: " + m.seq() + " is more than " + DuplicateFilter.WINDOW
                    + " behind the device's latest; cannot tell it from a redelivery", m.device(), m.seq(), 0));
            return true;
        }
        try {
            lastIndex = journal.append(new JournalRecord(epochNanos.getAsLong(), m.device(), m.seq(), m.measurement()));
        } catch (JournalFullException e) {
            refusal = e.getMessage();
            return false;
        }
        filter.record(m.device(), m.seq());
        counters.missing.set(filter.missing());
        counters.accepted.incrementAndGet();
        dirty = true;
        return true;
    }

    /**
     * Group commit of journal.sync batch: one sync covers every message completed since the last.
     *
     * @return how many messages it acknowledged
     */
    public int syncNow() {
        return acks.syncNow();
    }

    private void reject(Rejection r) {
        RejectReason bucket = RejectReason.classify(r.reason());
        counters.rejected(bucket, 1);
        recent.add(new RecentRejections.Entry(epochNanos.getAsLong() / 1_000_000, bucket, r));
        rejects.accept(array, r);
    }

    /**
     * Counts as missing the gaps below the highest seq of devices that have been quiet for
     * {@link DuplicateFilter#QUIET_NANOS} (the reorder window alone never judges a device's last
     * gap). The ingest loop calls it every few seconds, on its thread: the filter has one owner.
     *
     * @param nowNanos a monotonic clock's reading
     */
    public void sweep(long nowNanos) {
        if (filter.sweep(nowNanos, DuplicateFilter.QUIET_NANOS) != 0) {
            counters.missing.set(filter.missing());
            dirty = true;
        }
    }

    /** Saves the filter if anything was journaled since the last save (the loop calls it every few seconds). */
    public void saveIfChanged() {
        if (dirty) {
            save();
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
