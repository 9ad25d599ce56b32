package org.sensorrecovery.ingest;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns every array's ingest: the MQTT client's callback thread only hands
 * each message over (with its acknowledgement) and goes back to reading, so nothing it does waits
 * for the disk or the network. Besides the messages, the loop runs the periodic duties: the group
 * commit of {@code journal.sync: batch}, the retry of arrays paused on a full journal, the count of
 * quiet devices' gaps as missing, and the save of the duplicate filters (Agrona's duty-cycle agent, driven by {@link #doWork}).
 *
 * <p>The inbox is bounded; a full inbox blocks the handing thread, which is backpressure on the
 * MQTT socket, never a loss. With QoS 1 it cannot fill in practice: the broker sends no more than
 * its in-flight window of unacknowledged messages, and ingest acknowledges only what it journaled.
 */
public final class IngestLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);
    /** Group commit interval of journal.sync: batch. */
    public static final long SYNC_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    static final long RESUME_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    static final long SAVE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int MESSAGES_PER_PASS = 256;

    private record Delivery(ArrayIngest target, byte[] payload, Runnable ack) {
    }

    private final List<ArrayIngest> arrays;
    private final BlockingQueue<Delivery> inbox;
    private final Thread thread;
    private volatile boolean running = true;
    private long nextSync;
    private long nextResume;
    private long nextSave;

    /**
     * @param arrays every array this loop owns (their ingest is touched by this loop's thread only)
     * @param capacity messages the inbox holds before {@link #submit} blocks
     */
    public IngestLoop(String name, List<ArrayIngest> arrays, int capacity) {
        this.arrays = List.copyOf(arrays);
        this.inbox = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, name);
    }

    public void start() {
        thread.start();
    }

    public boolean alive() {
        return thread.isAlive();
    }

    /** Messages handed over and not yet taken by the loop. */
    public int queued() {
        return inbox.size();
    }

    /**
     * Hands a message over; blocks only while the inbox is full.
     *
     * @param ack acknowledges the message; ingest runs it once the message is durable or refused
     */
    public void submit(ArrayIngest target, byte[] payload, Runnable ack) {
        try {
            inbox.put(new Delivery(target, payload, ack));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One pass: the messages waiting (up to a cap), then whichever periodic duty is due.
     *
     * @return how much it did (0: idle)
     */
    int doWork(long nowNanos) {
        int work = 0;
        Delivery d;
        while (work < MESSAGES_PER_PASS && (d = inbox.poll()) != null) {
            handle(d);
            work++;
        }
        if (nowNanos - nextSync >= 0) {
            nextSync = nowNanos + SYNC_EVERY_NANOS;
            for (ArrayIngest a : arrays) {
                work += a.syncNow();
            }
        }
        if (nowNanos - nextResume >= 0) {
            nextResume = nowNanos + RESUME_EVERY_NANOS;
            for (ArrayIngest a : arrays) {
                work += a.resume();
                a.sweep(nowNanos);
            }
        }
        if (nowNanos - nextSave >= 0) {
            nextSave = nowNanos + SAVE_EVERY_NANOS;
            arrays.forEach(ArrayIngest::saveIfChanged);
        }
        return work;
    }

    private static void handle(Delivery d) {
        try {
            d.target().offer(d.payload(), d.ack());
        } catch (RuntimeException e) {
            // Not acknowledged: the broker sends it again after the next reconnect.
            LOG.error("array {}: a message could not be ingested", d.target().array(), e);
        }
    }

    private void run() {
        long start = System.nanoTime();
        nextSync = start;
        nextResume = start;
        nextSave = start + SAVE_EVERY_NANOS;
        try {
            while (running) {
                long now = System.nanoTime();
                if (safeWork(now) == 0) {
                    long wait = Math.max(1, Math.min(nextSync, Math.min(nextResume, nextSave)) - now);
                    Delivery d = inbox.poll(wait, TimeUnit.NANOSECONDS);
                    if (d != null) {
                        handle(d);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // What was handed over before the stop is journaled and synced; its acks are moot once the
        // client is closed (the broker resends and the duplicate filter drops them).
        long now = System.nanoTime();
        while (safeWork(now) > 0) {
            now = System.nanoTime();
        }
        nextSync = now;
        safeWork(now);
    }

    /** One pass that cannot end the thread: a failure is logged and the loop goes on. */
    private int safeWork(long nowNanos) {
        try {
            return doWork(nowNanos);
        } catch (RuntimeException e) {
            LOG.error("ingest: a periodic duty failed; continuing", e);
            return 0;
        }
    }

    /** Stops after the messages already handed over; call once the MQTT client delivers no more. */
    @Override
    public void close() {
        running = false;
        // No interrupt: one landing in a journal write would close Chronicle's file channel.
        if (thread.isAlive()) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
