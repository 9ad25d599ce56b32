package org.sensorrecovery.linalg;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the row blocks of one product on the calling thread and on helper threads, one process-wide
 * set of them. Blocks are claimed one at a time, the caller claiming too: a helper that is slow to
 * wake (or descheduled by other load) leaves its blocks to the caller instead of holding it up, so
 * the product is never much slower than on one thread. Which thread runs a block does not change
 * its result: a product's blocks and their order are fixed by its shape and the number of threads
 * (NetlibGemm splits into up to four blocks per thread), so a machine repeats a run bit for bit,
 * while machines with other core counts agree only to rounding.
 * One product at a time: callers set a job's fields and run it holding this object's monitor, so a
 * second caller waits for the first (the helpers are busy anyway).
 */
final class RowBlocks {

    /** One product's work, block by block. Its fields are set under the monitor, before {@link #run}. */
    abstract static class Job {
        int rows;
        int count;

        /** Computes block {@code index}: rows [from, to). */
        abstract void block(int index, int from, int to);

        final int from(int index) {
            return (int) ((long) rows * index / count);
        }
    }

    /**
     * Spins (about 20-50 us) before a helper parks, or a caller waiting for a helper's block yields:
     * on a shared machine both threads may be on one core, where spinning takes the other's time.
     */
    private static final int IDLE_SPINS = 1 << 10;
    static final int MAX_BLOCKS = 1 << 15;
    /** At most this many threads (caller included): more cores than this serve other arrays' solvers. */
    static final int MAX_THREADS = 4;

    private final Thread[] helpers;
    /**
     * Generation (bits 32-63), block count (16-31) and the next unclaimed block (0-15): a claim is
     * valid for one product only, and whether one is left is read from the same word.
     */
    private final AtomicLong claims = new AtomicLong();
    private final AtomicInteger finished = new AtomicInteger();
    private volatile Job job;
    private volatile Throwable failure;
    private int generation;

    RowBlocks(int helperThreads) {
        helpers = new Thread[helperThreads];
        for (int h = 0; h < helperThreads; h++) {
            helpers[h] = new Thread(this::help, "sensor-recovery-rows-" + (h + 1));
            helpers[h].setDaemon(true);
            helpers[h].start();
        }
    }

    /** Threads that compute blocks: the caller and the helpers. */
    int threads() {
        return helpers.length + 1;
    }

    /** Runs blocks 0 .. job.count - 1 of job (at most {@link #MAX_BLOCKS}); returns when all are done. */
    synchronized void run(Job job) {
        if (job.count < 1 || job.count > MAX_BLOCKS) {
            throw new IllegalArgumentException("count: must be in [1, " + MAX_BLOCKS + "], got " + job.count);
        }
        try {
            finished.set(0);
            failure = null;
            this.job = job;
            generation++;
            claims.set((long) generation << 32 | (long) job.count << 16);
            for (Thread helper : helpers) {
                LockSupport.unpark(helper);
            }
            work(job, generation);
            // Blocks the helpers claimed are still running: wait for them.
            for (int spins = 0; finished.get() < job.count; spins++) {
                if (spins < IDLE_SPINS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            Throwable t = failure;
            if (t != null) {
                throw new IllegalStateException("a row block failed on a helper thread", t);
            }
        } finally {
            this.job = null;
        }
    }

    /** Claims and computes blocks of the product of this generation until none is left. */
    private void work(Job job, int gen) {
        while (true) {
            long c = claims.get();
            int index = (int) c & 0xFFFF;
            if ((int) (c >>> 32) != gen || index >= ((int) c >>> 16)) {
                return;
            }
            if (!claims.compareAndSet(c, c + 1)) {
                continue;
            }
            // Claimed for this generation: the product cannot finish before this block, so job's fields are its own.
            try {
                job.block(index, job.from(index), job.from(index + 1));
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            finished.incrementAndGet();
        }
    }

    private void help() {
        int seen = 0;
        int spins = 0;
        while (true) {
            long c = claims.get();
            int gen = (int) (c >>> 32);
            Job current = job;
            if (gen != seen && current != null) {
                // current may already be a later product's job: work() then finds the claims moved on.
                seen = gen;
                work(current, gen);
                spins = 0;
            } else if (spins++ < IDLE_SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }
}
