package org.sensorrecovery.ingest;

import java.util.ArrayList;
import java.util.List;

import org.sensorrecovery.wire.Rejection;

/**
 * The last few rejections of one array, newest first, for the dashboard. Written by the ingest
 * thread, read by HTTP threads; rejections are rare, so a lock on a small ring is enough.
 */
public final class RecentRejections {

    /** One remembered rejection. */
    public record Entry(long epochMillis, RejectReason bucket, Rejection rejection) {
    }

    private final Entry[] ring;
    private int next;
    private int size;

    public RecentRejections(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be at least 1, got " + capacity);
        }
        this.ring = new Entry[capacity];
    }

    synchronized void add(Entry e) {
        ring[next] = e;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    /** The remembered rejections, newest first. */
    public synchronized List<Entry> newestFirst() {
        List<Entry> out = new ArrayList<>(size);
        for (int i = 1; i <= size; i++) {
            out.add(ring[(next - i + ring.length) % ring.length]);
        }
        return out;
    }
}
