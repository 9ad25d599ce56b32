package org.sensorrecovery.testing;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.sensorrecovery.cli.Main;

/** Runs the command line in-process and keeps what it printed, for the CLI tests. */
public final class Cli {

    private Cli() {
    }

    /** Exit code, stdout and stderr of one run. */
    public record Result(int exit, String out, String err) {

        /** The last line of stdout (where solve and replay --offline print the estimate). */
        public String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
