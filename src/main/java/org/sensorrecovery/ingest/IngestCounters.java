package org.sensorrecovery.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** What ingest saw for one array; written by the ingest thread, read by anyone. */
public final class IngestCounters {

    final AtomicLong received = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong missing = new AtomicLong();
    private final AtomicLongArray byReason = new AtomicLongArray(RejectReason.values().length);

    /** Measurements (and undecodable messages) received. */
    public long received() {
        return received.get();
    }

    /** Measurements journaled. */
    public long accepted() {
        return accepted.get();
    }

    /** Inputs refused with a reason on the rejected topic. */
    public long rejected() {
        return rejected.get();
    }

    /** Redeliveries dropped. */
    public long duplicates() {
        return duplicates.get();
    }

    /**
     * Seqs that never arrived (per device, gaps the reorder window or the quiet limit of
     * {@link DuplicateFilter} has passed); a late arrival takes one back, so it can decrease.
     */
    public long missing() {
        return missing.get();
    }

    /** Inputs refused in one bucket. */
    public long rejected(RejectReason reason) {
        return byReason.get(reason.ordinal());
    }

    /** Every bucket with its count (zero ones included), in the enum's order. */
    public Map<RejectReason, Long> rejectedByReason() {
        Map<RejectReason, Long> out = new EnumMap<>(RejectReason.class);
        for (int i = 0; i < byReason.length(); i++) {
            out.put(RejectReason.ofOrdinal(i), byReason.get(i));
        }
        return out;
    }

    void rejected(RejectReason reason, long n) {
        byReason.addAndGet(reason.ordinal(), n);
        rejected.addAndGet(n);
    }
}
