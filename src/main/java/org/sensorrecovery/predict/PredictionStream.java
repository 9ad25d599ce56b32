package org.sensorrecovery.predict;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;

import org.sensorrecovery.capture.TextLines;

/**
 * {@code predict}'s loop: one output line per non-blank input line, so that outputs pair with inputs
 * by position; a bad line gets {"error": reason} in its place and the rest go on. Answers each line
 * as it comes when no more input is waiting (interactive or piped input).
 */
public final class PredictionStream {

    /** Told of each refused input line. */
    @FunctionalInterface
    public interface Refusals {
        void refused(int line, String reason);
    }

    /** How many lines were predicted and how many refused. */
    public record Summary(long predicted, long refused) {
    }

    private PredictionStream() {
    }

    /** Predicts every line of in onto out with the network; flushes out at the end. */
    public static Summary run(QuadraticNetwork network, BufferedReader in, PrintWriter out, Refusals refusals)
            throws IOException {
        PredictionCodec codec = new PredictionCodec(network.dimension());
        long[] predicted = {0};
        long[] refused = {0};
        TextLines.forEach(in, (lineNo, line) -> {
            try {
                out.println(codec.encodeOutput(network.predict(codec.decodeInput(line))));
                predicted[0]++;
            } catch (PredictionCodec.InvalidInputException e) {
                refused[0]++;
                out.println(codec.encodeError("line " + lineNo + ": " + e.getMessage()));
                refusals.refused(lineNo, e.getMessage());
            }
            if (!in.ready()) {
                out.flush();
            }
        });
        out.flush();
        return new Summary(predicted[0], refused[0]);
    }
}
