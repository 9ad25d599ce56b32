package org.sensorrecovery.capture;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementEncoder;

/**
 * {@code export}: a capture (or a runtime journal) as csv ({@link CsvFormat}, with arrival times and
 * a header) or as ndjson (exactly the wire contract's JSON, one measurement a line).
 */
public final class Exporter {

    private Exporter() {
    }

    /**
     * Writes every measurement of the capture in journal order; does not close out.
     *
     * @return how many were written
     */
    public static long write(Path dir, LineFormat format, BufferedWriter out) throws IOException {
        boolean[] first = {true};
        try {
            return Capture.forEach(dir, r -> {
                try {
                    if (format == LineFormat.CSV && first[0]) {
                        out.write(header(r.measurement()));
                        out.newLine();
                        first[0] = false;
                    }
                    out.write(line(format, r));
                    out.newLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String line(LineFormat format, JournalRecord r) {
        return format == LineFormat.CSV ? CsvFormat.row(r) : new String(
                MeasurementEncoder.encode(new DecodedMeasurement(r.device(), r.seq(), r.measurement())), StandardCharsets.UTF_8);
    }

    private static String header(Measurement m) {
        if (m instanceof Measurement.Bilinear b) {
            return CsvFormat.header(m.kind(), b.a().length, b.b().length);
        }
        return CsvFormat.header(m.kind(), dimension(m));
    }

    /** d as far as a record tells it (CSV headers need it only for vector kinds). */
    private static int dimension(Measurement m) {
        if (m instanceof Measurement.RankOne r) {
            return r.a().length;
        }
        if (m instanceof Measurement.Dense dense) {
            return (int) Math.round(Math.sqrt(dense.a().length));
        }
        return 1;
    }
}
