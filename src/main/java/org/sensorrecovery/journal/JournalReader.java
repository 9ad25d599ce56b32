package org.sensorrecovery.journal;

import java.util.function.Consumer;

import net.openhft.chronicle.queue.ExcerptTailer;

/** Reads journal records in order; a named reader resumes where it stopped, across restarts. */
public final class JournalReader implements AutoCloseable {

    private final ExcerptTailer tailer;
    private JournalRecord last;

    JournalReader(ExcerptTailer tailer) {
        this.tailer = tailer;
    }

    /**
     * Reads the next record if there is one.
     *
     * @return false when nothing more is available now
     */
    public boolean next(Consumer<JournalRecord> consumer) {
        boolean read = tailer.readBytes(b -> last = RecordCodec.read(b));
        if (read) {
            consumer.accept(last);
        }
        return read;
    }

    /** Index of the record most recently read. */
    public long lastReadIndex() {
        return tailer.lastReadIndex();
    }

    /**
     * Positions the reader so that the next record read is the one at index.
     *
     * @return false when there is no such index
     */
    public boolean moveToIndex(long index) {
        return tailer.moveToIndex(index);
    }

    /** Positions the reader after the record at index (so reading resumes after it). */
    public boolean moveAfter(long index) {
        if (!tailer.moveToIndex(index)) {
            return false;
        }
        return tailer.readBytes(b -> { });
    }

    public JournalReader toStart() {
        tailer.toStart();
        return this;
    }

    @Override
    public void close() {
        tailer.close();
    }
}
