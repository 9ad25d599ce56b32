package org.sensorrecovery.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.sensorrecovery.capture.Capture;
import org.sensorrecovery.capture.CaptureManifest;
import org.sensorrecovery.capture.CsvFormat;
import org.sensorrecovery.capture.TextLines;
import org.sensorrecovery.config.ConfigException;
import org.sensorrecovery.journal.ArrayJournal;
import org.sensorrecovery.journal.JournalFullException;
import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Sensings;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.wire.ArrayShape;
import org.sensorrecovery.wire.DecodeResult;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementCodec;
import org.sensorrecovery.wire.Rejection;
import org.sensorrecovery.wire.WireLimits;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Turns a csv or ndjson file into a capture (journal + manifest); bad lines are reported by number. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Builds a capture directory from csv or ndjson (the formats export writes).")
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Input file.")
    Path file;

    @Option(names = "--format", required = true, description = "csv or ndjson.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Capture directory to create.")
    Path out;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ArrayShapeOptions shape;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ArrayShapeOptions.Resolved a;
        Kind kind;
        String array;
        try {
            a = shape.resolve("imported");
            kind = a.kind();
            array = a.id();
            if (!"csv".equals(format) && !"ndjson".equals(format)) {
                throw new IllegalArgumentException("--format: expected csv or ndjson, got " + format);
            }
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Main.BAD_USAGE;
        }
        if (Files.exists(Capture.journalDir(out)) && Files.isDirectory(out.resolve("journal"))) {
            err.println("error: " + out + " already holds a capture");
            return Main.BAD_USAGE;
        }
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        long[] count = {0};
        int[] bad = {0};
        ArrayShape arrayShape = a.shape();
        MeasurementCodec codec = new MeasurementCodec(arrayShape, WireLimits.DEFAULT);
        Consumer<Measurement> validator = a.rectangular()
                ? Sensings.twoFactor(kind, arrayShape.rows(), arrayShape.cols(), 1, 1, Kernels.best())::validate
                : Sensings.symmetric(kind, arrayShape.rows(), 1, 1, Kernels.best())::validate;
        long importNanos = System.currentTimeMillis() * 1_000_000L;
        try (ArrayJournal journal = ArrayJournal.open(out.resolve("journal"));
             BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            TextLines.forEach(in, (lineNo, line) -> {
                if ("csv".equals(format) && lineNo == 1 && line.startsWith("arrival_ns")) {
                    return;
                }
                if ("csv".equals(format)) {
                    try {
                        JournalRecord r = CsvFormat.parse(line, kind, arrayShape.rows(), arrayShape.cols());
                        validator.accept(r.measurement());
                        append(journal, r, span);
                        count[0]++;
                    } catch (IllegalArgumentException e) {
                        bad[0]++;
                        err.printf("%s:%d: %s%n", file, lineNo, e.getMessage());
                    }
                } else {
                    DecodeResult r = codec.decode(line.getBytes(StandardCharsets.UTF_8));
                    for (Rejection rej : r.rejected()) {
                        bad[0]++;
                        err.printf("%s:%d: %s%n", file, lineNo, rej.reason());
                    }
                    for (DecodedMeasurement m : r.accepted()) {
                        append(journal, new JournalRecord(importNanos + count[0], m.device(), m.seq(), m.measurement()), span);
                        count[0]++;
                    }
                }
            });
        } catch (JournalFullException e) {
            err.println("error: " + e.getMessage());
            return Main.RUNTIME_FAILURE;
        }
        CaptureManifest.of(array, a.rectangular(), arrayShape, count[0], count[0] == 0 ? 0 : span[0], count[0] == 0 ? 0 : span[1])
                .write(out);
        err.printf("imported %d measurements into %s (%d refused)%n", count[0], out, bad[0]);
        return bad[0] > 0 && count[0] == 0 ? Main.RUNTIME_FAILURE : 0;
    }

    private static void append(ArrayJournal journal, JournalRecord r, long[] span) throws JournalFullException {
        journal.append(r);
        span[0] = Math.min(span[0], r.arrivalNanos());
        span[1] = Math.max(span[1], r.arrivalNanos());
    }
}
