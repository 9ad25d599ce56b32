package org.sensorrecovery.cluster;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.ingest.DuplicateFilter;
import org.sensorrecovery.sensing.InvalidMeasurementException;
import org.sensorrecovery.solver.FactoredSolver;
import org.sensorrecovery.solver.RefineResult;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.EstimateCodec;
import org.sensorrecovery.worker.ArraySolver;

/**
 * One array a cluster member owns: its solver, its (device, seq) filter and where in the
 * measurements partition it stands. Its checkpoint (factor, filter, source offset, count and the
 * offset of the oldest measurement in the window) lets the next owner resume exactly: it refills
 * the window from the records between the window's start and the checkpoint's offset, and counts
 * only what comes after. One owner thread: the member's.
 */
final class OwnedArray {

    private static final int MAGIC = 0x53524b43; // "SRKC"

    private final ArrayConfig config;
    private final ArraySolver array;
    private final FactoredSolver<?> solver;
    private final long[] windowOffsets;
    private DuplicateFilter filter = new DuplicateFilter();
    /** Filters the refill of the window: each (device, seq) enters it once. */
    private DuplicateFilter refill;
    private int windowNext;
    private int windowSize;
    private long measurements;
    private long duplicates;
    private long offset = -1;
    private long checkpointOffset = -1;
    private long seekFrom;
    private boolean converged = true;
    private long publishedIterations = -1;
    private long publishedMeasurements = -1;
    private long rejected;
    private long refines;
    private byte[] latest;
    private long publishedAtMillis = -1;

    OwnedArray(ArrayConfig config) {
        this.config = config;
        this.array = ArraySolver.forArray(config);
        this.solver = array.solver();
        this.windowOffsets = new long[config.window()];
    }

    String id() {
        return config.id();
    }

    ArrayConfig config() {
        return config;
    }

    long measurements() {
        return measurements;
    }

    long duplicates() {
        return duplicates;
    }

    /** Offset of the last record of the partition this array has taken into account (-1: none). */
    long offset() {
        return offset;
    }

    /** Takes one record of the partition: refills the window, counts a new (device, seq), or drops a duplicate. */
    void offer(long recordOffset, DecodedMeasurement m) {
        if (recordOffset <= offset) {
            if (recordOffset <= checkpointOffset && refill != null && refill.check(m.device(), m.seq())
                    == DuplicateFilter.Verdict.NEW) {
                refill.record(m.device(), m.seq());
                add(recordOffset, m);
            }
            return;
        }
        offset = recordOffset;
        if (filter.check(m.device(), m.seq()) != DuplicateFilter.Verdict.NEW) {
            duplicates++;
            return;
        }
        filter.record(m.device(), m.seq());
        measurements++;
        add(recordOffset, m);
    }

    private void add(long recordOffset, DecodedMeasurement m) {
        try {
            solver.add(m.measurement(), m.device());
        } catch (InvalidMeasurementException e) {
            // The producer journaled only valid measurements; a mismatch means the member's array config differs.
            return;
        }
        // A new window (new data, or the refill after a restore) is refined until it converges again.
        converged = false;
        windowOffsets[windowNext] = recordOffset;
        windowNext = (windowNext + 1) % windowOffsets.length;
        windowSize = Math.min(windowSize + 1, windowOffsets.length);
    }

    private long oldestWindowOffset() {
        if (windowSize == 0) {
            return -1;
        }
        return windowSize < windowOffsets.length ? windowOffsets[0] : windowOffsets[windowNext];
    }

    /**
     * Refines when there is something to refine.
     *
     * @return whether it did any work
     */
    boolean refine() {
        if (converged || solver.sensing().size() == 0) {
            return false;
        }
        refines++;
        RefineResult r = solver.refine(config.iterationsPerRefine(), TimeUnit.MILLISECONDS.toNanos(100));
        converged = r.status() == RefineResult.Status.CONVERGED || r.status() == RefineResult.Status.STALLED
                || r.status() == RefineResult.Status.VALIDATED;
        return true;
    }

    /** The contract's estimate message when it changed since the last one, else null. */
    byte[] estimateIfChanged(Instant at) {
        if (solver.sensing().size() == 0 || solver.iterations() == publishedIterations && measurements == publishedMeasurements) {
            return null;
        }
        publishedIterations = solver.iterations();
        publishedMeasurements = measurements;
        latest = array.publish(new EstimateCodec.Context(config.id(), measurements, offset, at)).message();
        publishedAtMillis = at.toEpochMilli();
        return latest;
    }

    /** A record the array's codec refused (it does not fit this member's config of the array). */
    void rejected(long recordOffset) {
        if (recordOffset > offset) {
            offset = recordOffset;
            rejected++;
        }
    }

    /** What the HTTP endpoint shows. */
    ArrayView view(String owner, int partition) {
        return new ArrayView(config, owner, partition, measurements, duplicates, rejected, refines, offset, latest,
                publishedAtMillis);
    }

    /** The checkpoint: what the next owner restores with {@link #restore}. */
    byte[] checkpoint() {
        byte[] s = solver.checkpoint();
        byte[] f = filter.toBytes();
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * 5 + 4 + f.length + 4 + s.length);
        b.putInt(MAGIC).putLong(offset).putLong(oldestWindowOffset()).putLong(measurements).putLong(duplicates)
                .putLong(solver.iterations());
        b.putInt(f.length).put(f).putInt(s.length).put(s);
        return b.array();
    }

    /**
     * Restores a checkpoint written by {@link #checkpoint()}; the records up to its offset that follow
     * then only refill the window.
     *
     * @throws IllegalArgumentException when the bytes are not a checkpoint of this array's solver
     */
    void restore(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getInt() != MAGIC) {
            throw new IllegalArgumentException("not a cluster checkpoint");
        }
        offset = b.getLong();
        long windowStart = b.getLong();
        measurements = b.getLong();
        duplicates = b.getLong();
        b.getLong();
        byte[] f = new byte[b.getInt()];
        b.get(f);
        byte[] s = new byte[b.getInt()];
        b.get(s);
        solver.restore(s);
        filter = DuplicateFilter.fromBytes(f);
        checkpointOffset = offset;
        // The records from the window's start up to offset only refill the window, each (device, seq) once.
        refill = windowStart >= 0 ? new DuplicateFilter() : null;
        seekFrom = windowStart >= 0 ? windowStart : offset + 1;
        publishedMeasurements = measurements;
    }

    /** The partition offset to read from to restore this array: its window's start, or the record after its offset. */
    long seekFrom() {
        return seekFrom;
    }
}
