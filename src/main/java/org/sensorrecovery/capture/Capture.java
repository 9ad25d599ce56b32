package org.sensorrecovery.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.sensorrecovery.journal.ArrayJournal;
import org.sensorrecovery.journal.JournalReader;
import org.sensorrecovery.journal.JournalRecord;

/**
 * A captured stream: a directory holding a journal (Chronicle Queue, arrival timestamps included)
 * and optionally manifest.json. A runtime array directory (data/&lt;array&gt;, with journal/ inside)
 * is itself a capture; so is a bare journal directory; so is a {@link PortableCapture} (csv or
 * ndjson, the form that is committed).
 */
public final class Capture {

    private Capture() {
    }

    /** The journal directory of a capture directory. */
    public static Path journalDir(Path dir) {
        Path inner = dir.resolve("journal");
        return Files.isDirectory(inner) ? inner : dir;
    }

    /**
     * Reads every record in journal order.
     *
     * @return how many were read
     */
    public static long forEach(Path dir, Consumer<JournalRecord> consumer) throws IOException {
        if (!Files.isDirectory(dir.resolve("journal")) && PortableCapture.isPortable(dir)) {
            return PortableCapture.forEach(dir, consumer);
        }
        Path journal = journalDir(dir);
        if (!Files.isDirectory(journal)) {
            throw new IOException(dir + ": not a capture (no journal directory)");
        }
        long n = 0;
        try (ArrayJournal j = ArrayJournal.open(journal, net.openhft.chronicle.queue.RollCycles.FAST_HOURLY,
                net.openhft.chronicle.core.time.SystemTimeProvider.INSTANCE, () -> Long.MAX_VALUE, 0);
             JournalReader r = j.readerFromStart()) {
            while (r.next(consumer)) {
                n++;
            }
        }
        return n;
    }
}
