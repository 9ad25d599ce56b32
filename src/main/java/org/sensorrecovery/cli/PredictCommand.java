package org.sensorrecovery.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.sensorrecovery.capture.TextLines;
import org.sensorrecovery.predict.EstimateFile;
import org.sensorrecovery.predict.PredictionStream;
import org.sensorrecovery.predict.QuadraticNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Uses a trained quadratic network: reads an estimate (X_hat = W W^T) and prints y = x^T X_hat x for
 * each input line. Every non-blank input line gets exactly one output line, so outputs pair with
 * inputs by position; a bad line gets {"error": reason} there, is reported on stderr with its line
 * number, and the rest go on (as solve and import do); the exit code is then 1.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Uses a trained quadratic network: prints one {\"y\": value} line per input line"
                + " {\"x\": [d numbers]}, y = x^T X_hat x = sum_j lambda_j (v_j . x)^2 from the estimate in FILE"
                + " (its last line, the contract's JSON).",
                "A bad input line (malformed JSON, wrong length, a number that is not finite, an unknown field)"
                + " prints {\"error\": reason} in its place, is reported on stderr as SOURCE:LINE: reason, and"
                + " the other lines are still predicted; the exit code is then 1. Blank lines are skipped."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every input line predicted", "1:some input lines refused, or the input could not be read",
                "2:bad usage, or no usable estimate in FILE"})
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--estimate", required = true, paramLabel = "FILE",
            description = "Estimate messages, one per line (mosquitto_sub -t sensors/ARRAY/estimate > FILE, or the"
                    + " stdout of solve or replay --offline): the last non-empty line is used. A single message"
                    + " spread over several lines, or a truth.json, reads too.")
    Path estimate;

    @Parameters(index = "0", arity = "0..1", defaultValue = "-", paramLabel = "INPUT|-",
            description = "Input lines {\"x\": [d numbers]}, or - for stdin (default).")
    String input;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EstimateFile file;
        try {
            file = EstimateFile.read(estimate);
        } catch (NoSuchFileException e) {
            err.println("error: --estimate: no such file: " + estimate);
            return Main.BAD_USAGE;
        } catch (IOException e) {
            err.println("error: --estimate: cannot read " + estimate + ": " + e.getMessage());
            return Main.BAD_USAGE;
        } catch (IllegalArgumentException e) {
            err.println("error: --estimate: " + e.getMessage());
            return Main.BAD_USAGE;
        }
        QuadraticNetwork network = file.network();
        err.printf("estimate: %s line %d: array %s, d=%d, rank %d, %d measurements%n", estimate, file.line(),
                file.message().array(), network.dimension(), network.rank(), file.message().measurements());
        if (network.rank() == 0) {
            err.println("warning: the estimate has rank 0 (nothing learnt yet): every prediction is 0");
        }
        try (BufferedReader in = TextLines.open(input)) {
            return predictAll(network, in, out, err);
        } catch (NoSuchFileException e) {
            err.println("error: no such file: " + input);
            return Main.BAD_USAGE;
        } catch (IOException e) {
            out.flush();
            err.println("error: cannot read " + source() + ": " + e.getMessage());
            return Main.RUNTIME_FAILURE;
        }
    }

    private int predictAll(QuadraticNetwork network, BufferedReader in, PrintWriter out, PrintWriter err)
            throws IOException {
        PredictionStream.Summary s = PredictionStream.run(network, in, out,
                (lineNo, reason) -> err.printf("%s:%d: %s%n", source(), lineNo, reason));
        err.printf("predicted %d lines of %s (%d refused)%n", s.predicted(), source(), s.refused());
        return s.refused() > 0 ? Main.RUNTIME_FAILURE : 0;
    }

    private String source() {
        return "-".equals(input) ? "<stdin>" : input;
    }
}
