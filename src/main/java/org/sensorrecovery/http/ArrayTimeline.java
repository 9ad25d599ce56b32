package org.sensorrecovery.http;

import java.util.ArrayList;
import java.util.List;

/**
 * The recent history of one array, one point a second, for the dashboard's curves: a bounded
 * ring (ten minutes), written by the sampler, read by HTTP threads.
 */
final class ArrayTimeline {

    static final int CAPACITY = 600;

    /**
     * One sample.
     *
     * @param epochMillis when
     * @param accepted measurements journaled so far (this run)
     * @param rejected inputs refused so far (this run)
     * @param measurements measurements counted into the estimate
     * @param residual relative residual of the latest estimate (NaN before the first)
     * @param error relative error against the ground truth (NaN without one)
     * @param rank rank of the latest estimate (-1 before the first)
     * @param rate accepted measurements per second since the previous point
     */
    record Point(long epochMillis, long accepted, long rejected, long measurements, double residual, double error,
                 int rank, double rate) {
    }

    private final Point[] ring = new Point[CAPACITY];
    private int next;
    private int size;

    synchronized void add(Point p) {
        ring[next] = p;
        next = (next + 1) % CAPACITY;
        size = Math.min(size + 1, CAPACITY);
    }

    /** The newest point, or null. */
    synchronized Point latest() {
        return size == 0 ? null : ring[(next - 1 + CAPACITY) % CAPACITY];
    }

    /** Every point, oldest first. */
    synchronized List<Point> points() {
        List<Point> out = new ArrayList<>(size);
        for (int i = size; i >= 1; i--) {
            out.add(ring[(next - i + CAPACITY) % CAPACITY]);
        }
        return out;
    }
}
