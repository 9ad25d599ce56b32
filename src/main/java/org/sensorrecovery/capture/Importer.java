package org.sensorrecovery.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.sensorrecovery.journal.ArrayJournal;
import org.sensorrecovery.journal.JournalFullException;
import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.sensing.Sensings;
import org.sensorrecovery.wire.ArrayShape;

/**
 * {@code import}: a csv or ndjson file (the forms {@link Exporter} writes) into a capture directory,
 * its journal and manifest. A bad line (csv) or message element (ndjson) is reported and skipped.
 */
public final class Importer {

    /** What was journaled and what was refused. */
    public record Summary(long imported, long refused) {
    }

    private final Path dir;
    private final String array;
    private final boolean rectangular;
    private final ArrayShape shape;
    private final Consumer<String> report;
    private final CaptureManifest.Tally tally = new CaptureManifest.Tally();
    private long refused;

    /**
     * @param dir the capture directory to create
     * @param report told "FILE:LINE: reason" for each refused line or element
     */
    public Importer(Path dir, String array, boolean rectangular, ArrayShape shape, Consumer<String> report) {
        this.dir = dir;
        this.array = array;
        this.rectangular = rectangular;
        this.shape = shape;
        this.report = report;
    }

    /**
     * Journals every valid measurement of the file, then writes the manifest.
     *
     * @param importNanos arrival time of the first ndjson measurement (ndjson has none; each next one 1 ns later)
     * @throws JournalFullException when the disk reserve is reached (no manifest is written then)
     */
    public Summary run(Path file, LineFormat format, long importNanos) throws IOException, JournalFullException {
        try (ArrayJournal journal = ArrayJournal.open(dir.resolve("journal"));
             BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (format == LineFormat.CSV) {
                csv(file, in, journal);
            } else {
                ndjson(file, in, journal, importNanos);
            }
        }
        tally.manifest(array, rectangular, shape).write(dir);
        return new Summary(tally.count(), refused);
    }

    private void csv(Path file, BufferedReader in, ArrayJournal journal) throws IOException, JournalFullException {
        // Checked as the solver would check it when the capture is replayed.
        Consumer<Measurement> validator = rectangular
                ? Sensings.twoFactor(shape.kind(), shape.rows(), shape.cols(), 1, 1, Kernels.best())::validate
                : Sensings.symmetric(shape.kind(), shape.rows(), 1, 1, Kernels.best())::validate;
        TextLines.forEach(in, (lineNo, line) -> {
            if (lineNo == 1 && line.startsWith("arrival_ns")) {
                return;
            }
            try {
                JournalRecord r = CsvFormat.parse(line, shape.kind(), shape.rows(), shape.cols());
                validator.accept(r.measurement());
                append(journal, r);
            } catch (IllegalArgumentException e) {
                refused++;
                report.accept(file + ":" + lineNo + ": " + e.getMessage());
            }
        });
    }

    private void ndjson(Path file, BufferedReader in, ArrayJournal journal, long importNanos)
            throws IOException, JournalFullException {
        WireLines.<JournalFullException>forEach(in, shape,
                (lineNo, m) -> append(journal, new JournalRecord(importNanos + tally.count(), m.device(), m.seq(), m.measurement())),
                (lineNo, rej) -> {
                    refused++;
                    report.accept(file + ":" + lineNo + ": " + rej.reason());
                });
    }

    private void append(ArrayJournal journal, JournalRecord r) throws JournalFullException {
        journal.append(r);
        tally.add(r.arrivalNanos());
    }
}
