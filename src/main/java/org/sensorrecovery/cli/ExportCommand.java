package org.sensorrecovery.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.sensorrecovery.capture.Capture;
import org.sensorrecovery.capture.CsvFormat;
import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A capture (or a runtime journal) as CSV or as ndjson in the wire contract's JSON. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes a capture as csv (with arrival times) or ndjson (exactly the wire contract's JSON).")
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Capture directory (or a runtime array directory).")
    Path dir;

    @Option(names = "--format", required = true, description = "csv or ndjson.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: stdout).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (!"csv".equals(format) && !"ndjson".equals(format)) {
            spec.commandLine().getErr().println("error: --format: expected csv or ndjson, got " + format);
            return Main.BAD_USAGE;
        }
        Writer w = out == null ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        try (BufferedWriter bw = new BufferedWriter(w, 1 << 16)) {
            boolean[] first = {true};
            long n = Capture.forEach(dir, r -> write(bw, r, first));
            bw.flush();
            spec.commandLine().getErr().printf("exported %d measurements from %s%n", n, dir);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return 0;
    }

    private void write(BufferedWriter w, JournalRecord r, boolean[] first) {
        try {
            if ("csv".equals(format)) {
                if (first[0]) {
                    w.write(header(r.measurement()));
                    w.newLine();
                    first[0] = false;
                }
                w.write(CsvFormat.row(r));
            } else {
                w.write(new String(MeasurementEncoder.encode(new DecodedMeasurement(r.device(), r.seq(), r.measurement())),
                        StandardCharsets.UTF_8));
            }
            w.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
