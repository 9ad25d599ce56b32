package org.sensorrecovery.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.sensorrecovery.capture.Exporter;
import org.sensorrecovery.capture.LineFormat;
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
        LineFormat lines;
        try {
            lines = ImportCommand.lineFormat(format);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return Main.BAD_USAGE;
        }
        Writer w = out == null ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        try (BufferedWriter bw = new BufferedWriter(w, 1 << 16)) {
            long n = Exporter.write(dir, lines, bw);
            bw.flush();
            spec.commandLine().getErr().printf("exported %d measurements from %s%n", n, dir);
        }
        return 0;
    }
}
