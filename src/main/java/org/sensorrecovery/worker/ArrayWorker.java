package org.sensorrecovery.worker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.journal.ArrayJournal;
import org.sensorrecovery.journal.JournalReader;
import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.sensing.InvalidMeasurementException;
import org.sensorrecovery.solver.Estimate;
import org.sensorrecovery.solver.FactoredSolver;
import org.sensorrecovery.solver.RefineResult;
import org.sensorrecovery.solver.SvdEstimate;
import org.sensorrecovery.store.AtomicFile;
import org.sensorrecovery.store.BackgroundWriter;
import org.sensorrecovery.wire.EstimateCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The online worker of one array, on its own thread: drains the journal into the solver's window,
 * refines with a budget, publishes the estimate at most every publish interval and only when it
 * changed, and checkpoints (factor + journal position + counters) atomically every few seconds
 * and on stop. On start it restores the checkpoint, refills the window from the journal and
 * resumes after the last index it had counted: a restart neither loses nor double-counts.
 */
public final class ArrayWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ArrayWorker.class);
    private static final int MAGIC = 0x53525743; // "SRWC"
    private static final long CHECKPOINT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final int DRAIN_LIMIT = 4096;

    private final ArrayConfig config;
    private final ArraySolver array;
    private final FactoredSolver<?> solver;
    private final ArrayJournal journal;
    private JournalReader reader;
    private final EstimatePublisher publisher;
    private final Clock clock;
    private final long publishIntervalNanos;
    private final AtomicFile checkpointFile;
    private final BackgroundWriter writer;
    private final int retainCycles;
    private final long[] windowIndexes;
    private int windowNext;
    private int windowSize;
    private volatile long measurements;
    private volatile long lastIndex = -1;
    private volatile boolean running = true;
    private volatile Estimate latest;
    private volatile SvdEstimate latestSvd;
    private volatile byte[] latestMessage;
    private final WorkerStats stats = new WorkerStats();
    private long lastPublishNanos = Long.MIN_VALUE / 2;
    private long publishedIterations = -1;
    private long publishedMeasurements = -1;
    private long lastCheckpointNanos;
    private boolean converged;
    private volatile RefineResult lastRefine;

    /**
     * @param writer writes the checkpoints off this thread; consumed journal cycles are released
     *               only once the checkpoint that passed them is durable
     */
    public ArrayWorker(ArrayConfig config, FactoredSolver<Estimate> solver, ArrayJournal journal, EstimatePublisher publisher,
                       Clock clock, long publishIntervalNanos, Path checkpoint, int retainCycles, BackgroundWriter writer) {
        this(config, ArraySolver.of(solver), journal, publisher, clock, publishIntervalNanos, checkpoint, retainCycles,
                writer);
    }

    /** A worker for either solver (symmetric or rectangular array). */
    public ArrayWorker(ArrayConfig config, ArraySolver solver, ArrayJournal journal, EstimatePublisher publisher,
                       Clock clock, long publishIntervalNanos, Path checkpoint, int retainCycles, BackgroundWriter writer) {
        this.retainCycles = retainCycles;
        this.config = config;
        this.array = solver;
        this.solver = solver.solver();
        this.journal = journal;
        this.publisher = publisher;
        this.clock = clock;
        this.publishIntervalNanos = publishIntervalNanos;
        this.checkpointFile = new AtomicFile(checkpoint);
        this.writer = writer;
        this.windowIndexes = new long[config.window()];
    }

    /** Measurements counted into this array's estimate so far. */
    public long measurements() {
        return measurements;
    }

    /** Journal index of the last measurement counted. */
    public long lastIndex() {
        return lastIndex;
    }

    /** The last estimate computed (null before the first, and for a rectangular array). */
    public Estimate latest() {
        return latest;
    }

    /** The last estimate of a rectangular array (null before the first, and for a symmetric array). */
    public SvdEstimate latestSvd() {
        return latestSvd;
    }

    /** The estimate message of {@link #latest()} as published (the contract's JSON; null before the first). */
    public byte[] latestMessage() {
        return latestMessage;
    }

    /**
     * The solver's state and the last refinement's outcome, for a diagnosis (read from another
     * thread while the worker runs, so only roughly consistent).
     */
    public String solverState() {
        return solver + "; last refinement " + lastRefine;
    }

    /** Refine times and the last publish time. */
    public WorkerStats stats() {
        return stats;
    }

    /** Asks the loop to stop; it checkpoints before returning. */
    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        boolean restored = false;
        try {
            // Chronicle tailers belong to one thread: open and position it on the worker's own.
            reader = journal.reader("worker");
            restore();
            restored = true;
            while (running) {
                int drained = drain();
                boolean worked = drained > 0 || !converged && solver.sensing().size() > 0;
                if (worked) {
                    refine(drained > 0);
                }
                maybePublish();
                maybeCheckpoint(false);
                if (!worked) {
                    TimeUnit.MILLISECONDS.sleep(5);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.error("array {}: cannot restore: {}", config.id(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("array {}: worker failed", config.id(), e);
            throw e;
        } finally {
            if (restored) {
                maybePublish();
                maybeCheckpoint(true);
            }
            if (reader != null) {
                reader.close();
            }
        }
    }

    private int drain() {
        int n = 0;
        while (n < DRAIN_LIMIT && reader.next(this::accept)) {
            lastIndex = reader.lastReadIndex();
            rememberWindowIndex(lastIndex);
            measurements++;
            n++;
        }
        return n;
    }

    private void accept(JournalRecord r) {
        try {
            solver.add(r.measurement(), r.device());
        } catch (InvalidMeasurementException e) {
            // The journal only holds validated measurements; a mismatch means the config changed under it.
            LOG.warn("array {}: journal record does not fit the array ({}); skipped", config.id(), e.getMessage());
        }
    }

    private void rememberWindowIndex(long index) {
        windowIndexes[windowNext] = index;
        windowNext = (windowNext + 1) % windowIndexes.length;
        windowSize = Math.min(windowSize + 1, windowIndexes.length);
    }

    private long oldestWindowIndex() {
        if (windowSize == 0) {
            return -1;
        }
        return windowSize < windowIndexes.length ? windowIndexes[0] : windowIndexes[windowNext];
    }

    private void refine(boolean newData) {
        if (newData) {
            converged = false;
        }
        long t0 = System.nanoTime();
        RefineResult r = solver.refine(config.iterationsPerRefine(), TimeUnit.MILLISECONDS.toNanos(200));
        stats.refined(System.nanoTime() - t0);
        lastRefine = r;
        if (r.status() == RefineResult.Status.RESET) {
            LOG.warn("array {}: the solver diverged and was reset to a new small start", config.id());
        }
        converged = r.status() == RefineResult.Status.CONVERGED || r.status() == RefineResult.Status.STALLED
                || r.status() == RefineResult.Status.VALIDATED;
    }

    private void maybePublish() {
        if (solver.sensing().size() == 0) {
            return;
        }
        long now = System.nanoTime();
        boolean changed = solver.iterations() != publishedIterations || measurements != publishedMeasurements;
        if (!changed || now - lastPublishNanos < publishIntervalNanos && running) {
            return;
        }
        Instant at = clock.instant();
        ArraySolver.Published p = array.publish(new EstimateCodec.Context(config.id(), measurements, lastIndex, at));
        byte[] json = p.message();
        latestMessage = json;
        latest = p.estimate();
        latestSvd = p.svdEstimate();
        try {
            publisher.publish(config.id(), json);
            stats.published(at.toEpochMilli());
            lastPublishNanos = now;
            publishedIterations = solver.iterations();
            publishedMeasurements = measurements;
        } catch (RuntimeException ex) {
            LOG.warn("array {}: estimate not published: {}", config.id(), ex.getMessage());
        }
    }

    private void maybeCheckpoint(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastCheckpointNanos < CHECKPOINT_EVERY_NANOS) {
            return;
        }
        lastCheckpointNanos = now;
        byte[] s = solver.checkpoint();
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * 3 + 4 + s.length);
        b.putInt(MAGIC).putLong(lastIndex).putLong(measurements).putLong(oldestWindowIndex()).putInt(s.length).put(s);
        long consumed = lastIndex;
        writer.submit(checkpointFile, b.array(), consumed < 0 ? null : () -> release(consumed));
    }

    /** Deletes journal cycles older than the retention that the worker has consumed up to consumed. */
    private void release(long consumed) {
        try {
            journal.retain(retainCycles, consumed);
        } catch (IOException e) {
            LOG.error("array {}: journal retention failed: {}", config.id(), e.getMessage());
        }
    }

    /** Restores the checkpoint, refills the window from the journal, positions the reader after it. */
    private void restore() throws IOException {
        Optional<byte[]> saved;
        try {
            saved = checkpointFile.read();
        } catch (IOException e) {
            LOG.warn("array {}: {}; starting from the beginning of the journal", config.id(), e.getMessage());
            saved = Optional.empty();
        }
        if (saved.isEmpty()) {
            reader.toStart();
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(saved.get());
        if (b.getInt() != MAGIC) {
            throw new IOException(checkpointFile.path() + ": not a worker checkpoint");
        }
        long savedIndex = b.getLong();
        long savedCount = b.getLong();
        long windowStart = b.getLong();
        byte[] s = new byte[b.getInt()];
        b.get(s);
        solver.restore(s);
        if (windowStart >= 0) {
            try (JournalReader refill = journal.readerFromStart()) {
                if (refill.moveToIndex(windowStart)) {
                    while (refill.lastReadIndex() != savedIndex && refill.next(this::accept)) {
                        rememberWindowIndex(refill.lastReadIndex());
                    }
                }
            }
        }
        measurements = savedCount;
        lastIndex = savedIndex;
        if (savedIndex < 0 || !reader.moveAfter(savedIndex)) {
            reader.toStart();
        }
        LOG.info("array {}: resumed from checkpoint at journal index {} ({} measurements, window {})", config.id(),
                savedIndex, savedCount, solver.sensing().size());
    }
}
