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

/**
 * The small description that travels with a capture: which array, its shape, how many
 * measurements and the arrival time span (epoch nanoseconds). Stored as manifest.json beside the
 * capture's journal/ directory.
 */
public record CaptureManifest(String array, Kind kind, int d, long count, long firstArrivalNanos, long lastArrivalNanos) {

    public static final String FILE = "manifest.json";

    private static final JsonFactory JSON = new JsonFactory();

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (JsonGenerator g = JSON.createGenerator(Files.newBufferedWriter(dir.resolve(FILE)))) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("array", array);
            g.writeStringField("kind", kind.key());
            g.writeNumberField("d", d);
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
                    case "count" -> count = p.getLongValue();
                    case "firstArrivalNanos" -> first = p.getLongValue();
                    case "lastArrivalNanos" -> last = p.getLongValue();
                    default -> p.skipChildren();
                }
            }
            if (kind == null || d < 1) {
                throw new IOException(file + ": kind and d are required");
            }
            return Optional.of(new CaptureManifest(array, kind, d, count, first, last));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
