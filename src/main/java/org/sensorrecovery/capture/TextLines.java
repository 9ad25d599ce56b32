package org.sensorrecovery.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Line-oriented text input (ndjson, csv) as the commands read it: numbered lines, blank ones skipped. */
public final class TextLines {

    /** What to do with one line. */
    @FunctionalInterface
    public interface Handler<E extends Exception> {
        /**
         * @param number 1-based line number, for messages as FILE:LINE
         * @param text the line, not blank
         */
        void line(int number, String text) throws IOException, E;
    }

    private TextLines() {
    }

    /** A UTF-8 reader of the file, or of stdin for "-". */
    public static BufferedReader open(String fileOrDash) throws IOException {
        return "-".equals(fileOrDash)
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(fileOrDash), StandardCharsets.UTF_8);
    }

    /** Hands every non-blank line of in to the handler, with its number. */
    public static <E extends Exception> void forEach(BufferedReader in, Handler<E> handler) throws IOException, E {
        forEach(in, 0, handler);
    }

    /** As {@link #forEach(BufferedReader, Handler)} after the first linesRead lines (a header) were read. */
    public static <E extends Exception> void forEach(BufferedReader in, int linesRead, Handler<E> handler)
            throws IOException, E {
        String line;
        int number = linesRead;
        while ((line = in.readLine()) != null) {
            number++;
            if (!line.isBlank()) {
                handler.line(number, line);
            }
        }
    }
}
