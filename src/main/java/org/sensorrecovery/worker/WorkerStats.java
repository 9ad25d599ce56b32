package org.sensorrecovery.worker;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the worker of one array did, for metrics and the dashboard: refine times in fixed buckets
 * (a histogram without a metrics library in the worker) and the time of the last publish.
 * Written by the worker thread only, read by anyone.
 */
public final class WorkerStats {

    /** Upper bounds of the refine-time buckets, seconds; a refine has a 200 ms budget. */
    private static final double[] BOUNDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0};

    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS.length + 1);
    private final AtomicLong refineNanos = new AtomicLong();
    private volatile long publishedAtMillis = -1;

    /** Upper bounds of the buckets, seconds, without the last (+Inf) one. */
    public static double[] bucketBounds() {
        return BOUNDS.clone();
    }

    void refined(long nanos) {
        double seconds = nanos / 1e9;
        int b = 0;
        while (b < BOUNDS.length && seconds > BOUNDS[b]) {
            b++;
        }
        buckets.incrementAndGet(b);
        refineNanos.addAndGet(nanos);
    }

    void published(long epochMillis) {
        publishedAtMillis = epochMillis;
    }

    /** Refines per bucket (not cumulative), BOUNDS.length + 1 of them, the last one +Inf. */
    public long[] refineCounts() {
        long[] out = new long[buckets.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = buckets.get(i);
        }
        return out;
    }

    /** Total refine time, seconds. */
    public double refineSeconds() {
        return refineNanos.get() / 1e9;
    }

    /** Epoch milliseconds of the last estimate handed to the publisher, or -1 before the first. */
    public long publishedAtMillis() {
        return publishedAtMillis;
    }
}
