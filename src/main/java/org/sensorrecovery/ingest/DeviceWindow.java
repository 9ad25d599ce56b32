package org.sensorrecovery.ingest;

import java.util.Arrays;

import org.sensorrecovery.ingest.DuplicateFilter.Verdict;

/**
 * One device's seqs: the highest seen, a bitmap of the {@value DuplicateFilter#WINDOW} below it, and
 * the account of what never arrived. Seqs in [first, countedBelow) have been judged: each of them
 * that was not accepted is counted in {@code missing}, so a late arrival there takes one back.
 * Invariant: highest - WINDOW < countedBelow <= highest + 1 and first <= countedBelow, so judging
 * never reads a bitmap slot that has been reused.
 */
final class DeviceWindow {

    private static final int WINDOW = DuplicateFilter.WINDOW;
    private static final int REORDER = DuplicateFilter.REORDER_WINDOW;

    private final long[] bits = new long[WINDOW / 64];
    long highest = -1;
    /** The lowest seq accounted for: the device's start, as far as the reorder window saw it. */
    long first;
    long countedBelow;
    long missing;
    /** The highest seq at the sweep that first saw it, and when; not saved, a restart starts the clock again. */
    private long sweptHighest = -1;
    private long sweptAtNanos;

    Verdict check(long seq) {
        if (seq > highest) {
            return Verdict.NEW;
        }
        long age = highest - seq;
        if (age >= WINDOW) {
            return Verdict.TOO_OLD;
        }
        return isSet(seq) ? Verdict.DUPLICATE : Verdict.NEW;
    }

    /** Records an accepted seq (check returned NEW); returns the change of {@code missing}. */
    long record(long seq) {
        long before = missing;
        if (highest < 0) {
            first = seq;
            countedBelow = seq;
            highest = seq;
        } else if (seq > highest) {
            // Judged before the bitmap moves on: the slots up to the old highest still hold their seqs.
            judgeBelow(seq - REORDER);
            advanceTo(seq);
        }
        set(seq);
        if (seq < countedBelow) {
            lateArrival(seq);
        }
        return missing - before;
    }

    /**
     * Judges the whole gap below highest once highest has not moved for limitNanos, as seen by
     * successive calls; returns the change of {@code missing}.
     */
    long sweep(long nowNanos, long limitNanos) {
        if (countedBelow > highest) {
            return 0;
        }
        if (sweptHighest != highest) {
            sweptHighest = highest;
            sweptAtNanos = nowNanos;
            return 0;
        }
        if (nowNanos - sweptAtNanos < limitNanos) {
            return 0;
        }
        long before = missing;
        judgeBelow(above(highest));
        return missing - before;
    }

    /** An accepted seq below countedBelow: taken back from missing, or, while nothing was judged yet, the device's real start. */
    private void lateArrival(long seq) {
        if (seq >= first) {
            missing--;
        } else if (countedBelow == first) {
            first = seq;
            countedBelow = seq;
            judgeBelow(highest - REORDER);
        }
    }

    /**
     * Counts every seq in [countedBelow, below) that was not accepted, then moves countedBelow there:
     * those up to highest from the bitmap, those above it (never seen) arithmetically, so a jump of
     * 1e9 seqs costs no more than one of 64.
     */
    private void judgeBelow(long below) {
        if (below <= countedBelow) {
            return;
        }
        long seen = highest < below ? highest + 1 : below;
        for (long s = countedBelow; s < seen; s++) {
            if (!isSet(s)) {
                missing++;
            }
        }
        missing += below - Math.max(seen, countedBelow);
        countedBelow = below;
    }

    /** seq + 1, except for the largest seq: what is below it then is all there is (that seq itself was accepted). */
    static long above(long seq) {
        return seq == Long.MAX_VALUE ? seq : seq + 1;
    }

    private void advanceTo(long seq) {
        if (seq - highest >= WINDOW) {
            Arrays.fill(bits, 0L);
        } else {
            for (long s = highest + 1; s < seq; s++) {
                clear(s);
            }
        }
        highest = seq;
    }

    long[] bits() {
        return bits;
    }

    private boolean isSet(long seq) {
        int slot = (int) Math.floorMod(seq, (long) WINDOW);
        return (bits[slot >>> 6] & (1L << (slot & 63))) != 0;
    }

    private void set(long seq) {
        int slot = (int) Math.floorMod(seq, (long) WINDOW);
        bits[slot >>> 6] |= 1L << (slot & 63);
    }

    private void clear(long seq) {
        int slot = (int) Math.floorMod(seq, (long) WINDOW);
        bits[slot >>> 6] &= ~(1L << (slot & 63));
    }
}
