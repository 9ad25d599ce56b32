package org.sensorrecovery.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.sensorrecovery.capture.Capture;
import org.sensorrecovery.capture.Importer;
import org.sensorrecovery.capture.LineFormat;
import org.sensorrecovery.config.ConfigException;
import org.sensorrecovery.journal.JournalFullException;
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
        LineFormat lines;
        try {
            a = shape.resolve("imported");
            lines = lineFormat(format);
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Main.BAD_USAGE;
        }
        if (Files.exists(Capture.journalDir(out)) && Files.isDirectory(out.resolve("journal"))) {
            err.println("error: " + out + " already holds a capture");
            return Main.BAD_USAGE;
        }
        Importer.Summary s;
        try {
            s = new Importer(out, a.id(), a.rectangular(), a.shape(), err::println)
                    .run(file, lines, System.currentTimeMillis() * 1_000_000L);
        } catch (JournalFullException e) {
            err.println("error: " + e.getMessage());
            return Main.RUNTIME_FAILURE;
        }
        err.printf("imported %d measurements into %s (%d refused)%n", s.imported(), out, s.refused());
        return s.refused() > 0 && s.imported() == 0 ? Main.RUNTIME_FAILURE : 0;
    }

    /** The --format option's value (import's and export's). */
    static LineFormat lineFormat(String key) {
        try {
            return LineFormat.fromKey(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format: " + e.getMessage(), e);
        }
    }
}
