package org.sensorrecovery.predict;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.sensorrecovery.wire.EstimateCodec;

/**
 * An estimate to predict with, read from a file: the last non-empty line of an ndjson stream of
 * estimate messages (what {@code mosquitto_sub -t sensors/ARRAY/estimate}, {@code solve} and
 * {@code replay --offline} write), or one estimate message spread over several lines. A truth
 * message (truth.json) has the same shape and reads too.
 *
 * @param line the line the message starts on (1-based)
 * @param message the decoded estimate message
 * @param network the network it defines
 */
public record EstimateFile(Path path, int line, EstimateCodec.Message message, QuadraticNetwork network) {

    private static final JsonFactory JSON = new JsonFactory();
    /** A document spread over lines is read whole only up to this size; an ndjson stream is read line by line. */
    private static final long MAX_DOCUMENT_BYTES = 64L << 20;
    private static final List<String> RECTANGULAR = List.of("singularValues", "left", "right");

    /**
     * Reads the estimate of a file.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it holds no usable estimate; the message names the file and line
     */
    public static EstimateFile read(Path path) throws IOException {
        String last = null;
        int lastNo = 0;
        int lines = 0;
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines++;
                if (!line.isBlank()) {
                    last = line;
                    lastNo = lines;
                }
            }
        }
        if (last == null) {
            throw new IllegalArgumentException(path + ": empty: expected an estimate message");
        }
        if (!last.strip().startsWith("{") && lines > 1 && Files.size(path) <= MAX_DOCUMENT_BYTES) {
            // Not a line of ndjson: maybe one pretty-printed message.
            return parse(path, 1, Files.readString(path, StandardCharsets.UTF_8));
        }
        return parse(path, lastNo, last);
    }

    private static EstimateFile parse(Path path, int line, String text) {
        String where = path + ":" + line + ": ";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Set<String> fields;
        EstimateCodec.Message m;
        try {
            fields = topLevelFields(bytes);
            m = EstimateCodec.decode(bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + "not an estimate message: malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException(where + "not an estimate message: " + e.getMessage(), e);
        }
        if (RECTANGULAR.stream().anyMatch(fields::contains)) {
            throw new IllegalArgumentException(where + "predict takes a symmetric (eigenvalues) estimate;"
                    + " this one is rectangular (singularValues, left, right)");
        }
        for (String required : List.of("d", "eigenvalues", "eigenvectors")) {
            if (!fields.contains(required)) {
                throw new IllegalArgumentException(where + "not an estimate message: " + required + ": missing");
            }
        }
        if (fields.contains("rank") && m.rank() != m.eigenvalues().length) {
            throw new IllegalArgumentException(where + "eigenvalues: expected rank = " + m.rank()
                    + " numbers, got " + m.eigenvalues().length);
        }
        try {
            return new EstimateFile(path, line, m, new QuadraticNetwork(m.d(), m.eigenvalues(), m.eigenvectors()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }

    /** The names of the object's own fields; the text must be exactly one JSON object. */
    private static Set<String> topLevelFields(byte[] json) throws IOException {
        Set<String> names = new HashSet<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                names.add(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new IllegalArgumentException("unexpected end of input");
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("trailing content after the object");
            }
        }
        return names;
    }
}
