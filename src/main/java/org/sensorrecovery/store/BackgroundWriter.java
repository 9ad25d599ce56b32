package org.sensorrecovery.store;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@link AtomicFile}s on one background thread, the latest content per file winning. An
 * fsync costs milliseconds on a server disk and hundreds on an SD card under load: the worker and
 * ingest threads hand their bytes over here and go on. Content handed over is owned by the
 * writer from then on.
 */
public final class BackgroundWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWriter.class);

    private final Map<AtomicFile, Pending> pending = new LinkedHashMap<>();
    private final Thread thread;
    private boolean writing;
    private boolean closed;

    private record Pending(byte[] content, Runnable afterWrite) {
    }

    /** @param name the writer thread's name */
    public BackgroundWriter(String name) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues content for a file, replacing what was queued for it and not yet written.
     *
     * @param afterWrite runs on the writer thread once this content is durable (null: nothing)
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized void submit(AtomicFile file, byte[] content, Runnable afterWrite) {
        if (closed) {
            throw new IllegalStateException("background writer closed: " + file.path() + " not written");
        }
        pending.remove(file);
        pending.put(file, new Pending(content, afterWrite));
        notifyAll();
    }

    /** Waits until everything submitted so far is written (or failed and was logged). */
    public synchronized void flush() throws InterruptedException {
        while (!pending.isEmpty() || writing) {
            wait();
        }
    }

    /** Writes what is queued, then stops the thread. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            AtomicFile file;
            Pending next;
            synchronized (this) {
                while (pending.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        closed = true;
                    }
                }
                if (pending.isEmpty()) {
                    return;
                }
                Iterator<Map.Entry<AtomicFile, Pending>> it = pending.entrySet().iterator();
                Map.Entry<AtomicFile, Pending> e = it.next();
                it.remove();
                file = e.getKey();
                next = e.getValue();
                writing = true;
            }
            write(file, next);
            synchronized (this) {
                writing = false;
                notifyAll();
            }
        }
    }

    private static void write(AtomicFile file, Pending p) {
        try {
            file.write(p.content());
        } catch (IOException e) {
            LOG.error("cannot write {}: {}", file.path(), e.getMessage());
            return;
        }
        if (p.afterWrite() != null) {
            try {
                p.afterWrite().run();
            } catch (RuntimeException e) {
                LOG.error("after writing {}: {}", file.path(), e.toString());
            }
        }
    }
}
