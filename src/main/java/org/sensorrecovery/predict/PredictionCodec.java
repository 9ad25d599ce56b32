package org.sensorrecovery.predict;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The lines of {@code predict}: an input {"x": [d numbers]} in, {"y": value} out, or {"error": reason}
 * for an input that could not be used. Streaming (Jackson's JsonParser), no object mapping.
 * Thread-safe.
 */
public final class PredictionCodec {

    private static final JsonFactory JSON = new JsonFactoryBuilder()
            // NaN and Infinity parse as numbers so that the reason says "not finite", not "malformed".
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4).maxNumberLength(400).build())
            .build();

    private final int d;

    /** @param d the number of inputs x carries */
    public PredictionCodec(int d) {
        this.d = d;
    }

    /**
     * The input x of one line.
     *
     * @throws InvalidInputException naming the field and the problem
     */
    public double[] decodeInput(String line) {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidInputException("expected a JSON object {\"x\": [" + d + " numbers]}");
            }
            double[] x = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (!"x".equals(name)) {
                    throw new InvalidInputException(name + ": unknown field (expected only x)");
                }
                if (x != null) {
                    throw new InvalidInputException("x: duplicate field");
                }
                x = readVector(p);
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new InvalidInputException("malformed JSON: unexpected end of input inside the object");
            }
            if (p.nextToken() != null) {
                throw new InvalidInputException("malformed JSON: trailing content after the object");
            }
            if (x == null) {
                throw new InvalidInputException("x: missing");
            }
            return x;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed JSON: " + e.getOriginalMessage() + " at column "
                    + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double[] readVector(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new InvalidInputException("x: must be an array of " + d + " numbers");
        }
        double[] x = new double[d];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new InvalidInputException("malformed JSON: unexpected end of input inside x");
            }
            if (!t.isNumeric()) {
                throw new InvalidInputException("x: element " + n + " is not a number");
            }
            double v = p.getDoubleValue();
            if (!Double.isFinite(v)) {
                throw new InvalidInputException("x: element " + n + " is not finite (" + p.getText() + ")");
            }
            if (n < d) {
                x[n] = v;
            }
            n++;
        }
        if (n != d) {
            throw new InvalidInputException("x: expected " + d + " numbers, got " + n);
        }
        return x;
    }

    /**
     * {"y": y}.
     *
     * @throws InvalidInputException when y is not finite (an input so large that y overflows)
     */
    public String encodeOutput(double y) {
        if (!Double.isFinite(y)) {
            throw new InvalidInputException("y: not finite (" + y + "): the input is too large");
        }
        return write("y", y, null);
    }

    /** {"error": reason}. */
    public String encodeError(String reason) {
        return write("error", Double.NaN, reason);
    }

    private static String write(String field, double number, String text) {
        StringWriter out = new StringWriter(32);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            if (text == null) {
                g.writeNumberField(field, number);
            } else {
                g.writeStringField(field, text);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** An input line that cannot be used; the message names the field and the problem. */
    public static final class InvalidInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidInputException(String reason) {
            super(reason, null, false, false);
        }
    }
}
