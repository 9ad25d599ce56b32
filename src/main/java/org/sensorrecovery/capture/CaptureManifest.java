package org.sensorrecovery.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.wire.ArrayShape;

/**
 * The small description that travels with a capture: which array, its shape (d, or rows and cols
 * for a rectangular array, d = 0), how many measurements and the arrival time span (epoch
 * nanoseconds). Stored as manifest.json beside the capture's journal/ directory.
 */
public record CaptureManifest(String array, Kind kind, int d, int rows, int cols, long count, long firstArrivalNanos,
                              long lastArrivalNanos) {

    public static final String FILE = "manifest.json";

    /** A symmetric d x d array's capture. */
    public CaptureManifest(String array, Kind kind, int d, long count, long firstArrivalNanos, long lastArrivalNanos) {
        this(array, kind, d, 0, 0, count, firstArrivalNanos, lastArrivalNanos);
    }

    /** A capture of an array of this shape: d for a square one, rows and cols for a rectangular one. */
    public static CaptureManifest of(String array, boolean rectangular, ArrayShape shape, long count, long first,
                                     long last) {
        return rectangular ? new CaptureManifest(array, shape.kind(), 0, shape.rows(), shape.cols(), count, first, last)
                : new CaptureManifest(array, shape.kind(), shape.rows(), count, first, last);
    }

    /**
     * What a manifest counts while its capture is written: the measurements and their arrival span.
     * One thread adds; others may read once it has stopped (hence volatile).
     */
    public static final class Tally {
        private volatile long count;
        private volatile long first;
        private volatile long last;

        /** Counts one measurement that arrived at this time (epoch nanoseconds). */
        public void add(long arrivalNanos) {
            first = count == 0 ? arrivalNanos : Math.min(first, arrivalNanos);
            last = count == 0 ? arrivalNanos : Math.max(last, arrivalNanos);
            count = count + 1;
        }

        /** Measurements counted so far. */
        public long count() {
            return count;
        }

        /** The manifest of what was counted (span 0 to 0 when nothing was). */
        public CaptureManifest manifest(String array, boolean rectangular, ArrayShape shape) {
            return of(array, rectangular, shape, count, first, last);
        }
    }

    /** Whether the capture is of a rectangular array (rows and cols instead of d). */
    public boolean rectangular() {
        return d == 0;
    }

    /** Kind and matrix shape, for the measurement codec. */
    public ArrayShape shape() {
        return rectangular() ? new ArrayShape(kind, rows, cols) : ArrayShape.square(kind, d);
    }

    private static final JsonFactory JSON = new JsonFactory();

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (JsonGenerator g = JSON.createGenerator(Files.newBufferedWriter(dir.resolve(FILE)))) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("array", array);
            g.writeStringField("kind", kind.key());
            if (rectangular()) {
                g.writeNumberField("rows", rows);
                g.writeNumberField("cols", cols);
            } else {
                g.writeNumberField("d", d);
            }
            g.writeNumberField("count", count);
            g.writeNumberField("firstArrivalNanos", firstArrivalNanos);
            g.writeNumberField("lastArrivalNanos", lastArrivalNanos);
            g.writeEndObject();
        }
    }

    /**
     * Reads dir/manifest.json if there is one.
     *
     * @throws IOException naming the file when it is there but not a manifest
     */
    public static Optional<CaptureManifest> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        try (JsonParser p = JSON.createParser(Files.newBufferedReader(file))) {
            String array = null;
            Kind kind = null;
            int d = 0;
            int rows = 0;
            int cols = 0;
            long count = 0;
            long first = 0;
            long last = 0;
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + ": expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "array" -> array = p.getText();
                    case "kind" -> kind = Kind.fromKey(p.getText());
                    case "d" -> d = p.getIntValue();
                    case "rows" -> rows = p.getIntValue();
                    case "cols" -> cols = p.getIntValue();
                    case "count" -> count = p.getLongValue();
                    case "firstArrivalNanos" -> first = p.getLongValue();
                    case "lastArrivalNanos" -> last = p.getLongValue();
                    default -> p.skipChildren();
                }
            }
            if (kind == null || d < 1 && (rows < 1 || cols < 1)) {
                throw new IOException(file + ": kind and d (or rows and cols) are required");
            }
            return Optional.of(d >= 1 ? new CaptureManifest(array, kind, d, count, first, last)
                    : new CaptureManifest(array, kind, 0, rows, cols, count, first, last));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
