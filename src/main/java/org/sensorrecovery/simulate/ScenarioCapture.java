package org.sensorrecovery.simulate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.LongConsumer;

import org.sensorrecovery.capture.PortableCapture;
import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.wire.DecodedMeasurement;

/**
 * {@code simulate --capture}: a scenario written offline as a portable capture, its valid
 * measurements once each in delivery order (what the runtime would journal) with the ground truth
 * at the end. Arrival times are the scenario clock's, counted from {@link #EPOCH_NANOS}, so the
 * files of one seed are the same on every run.
 */
public final class ScenarioCapture {

    /** Arrival times of written captures count from here (2025-01-01T00:00:00Z). */
    public static final long EPOCH_NANOS = 1_735_689_600_000_000_000L;

    private ScenarioCapture() {
    }

    /**
     * Writes the rest of the stream into dir (measurements.csv, manifest.json, truth.json).
     *
     * @param progress told the count written so far after each message
     * @return how many measurements were written
     */
    public static long write(ScenarioStream stream, Path dir, LongConsumer progress) throws IOException {
        Scenario s = stream.scenario();
        long latest = 0;
        try (PortableCapture.Writer w = new PortableCapture.Writer(dir, s.array(), s.rectangular(), s.shape())) {
            while (stream.hasNext()) {
                Outgoing o = stream.next();
                if (o.type() != Outgoing.Type.MEASUREMENTS) {
                    continue;
                }
                long arrival = EPOCH_NANOS + Math.round(s.timeOf(o.due()) * 1e9);
                for (DecodedMeasurement m : o.measurements()) {
                    w.write(new JournalRecord(arrival, m.device(), m.seq(), m.measurement()));
                }
                latest = o.due();
                progress.accept(w.count());
            }
            Instant at = Instant.ofEpochSecond(0, EPOCH_NANOS).plusNanos(Math.round(s.timeOf(latest) * 1e9));
            w.truth(stream.truthMessageAt(w.count(), latest, at));
            return w.count();
        }
    }
}
