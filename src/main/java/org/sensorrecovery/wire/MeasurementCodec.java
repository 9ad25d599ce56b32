package org.sensorrecovery.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes measurement messages of the wire contract (DESIGN.md): one JSON object or a JSON array of
 * them, with exactly the fields of the array's kind. Never throws: every problem becomes a
 * {@link Rejection} naming the field, and a bad element of a batch never stops its valid siblings.
 * Streaming (Jackson's JsonParser), no object mapping. One instance per array; thread-safe.
 */
public final class MeasurementCodec {

    private static final JsonFactory JSON = new JsonFactoryBuilder()
            // NaN and Infinity parse as numbers so that the element, not the whole batch, is refused.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxNumberLength(400).build())
            .build();

    private final ArrayShape shape;
    private final WireLimits limits;

    public MeasurementCodec(ArrayShape shape, WireLimits limits) {
        this.shape = shape;
        this.limits = limits;
    }

    public ArrayShape shape() {
        return shape;
    }

    /** Decodes one message payload. */
    public DecodeResult decode(byte[] payload) {
        List<DecodedMeasurement> accepted = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        if (payload.length > limits.maxMessageBytes()) {
            rejected.add(new Rejection("message too large: " + payload.length + " bytes, limit "
                    + limits.maxMessageBytes(), null, null, -1));
            return new DecodeResult(accepted, rejected);
        }
        try (JsonParser p = JSON.createParser(payload)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                decodeElement(p, 0, accepted, rejected);
                expectEnd(p);
            } else if (first == JsonToken.START_ARRAY) {
                decodeBatch(p, accepted, rejected);
                expectEnd(p);
            } else {
                rejected.add(new Rejection("malformed message: expected a JSON object or an array of objects, got "
                        + (first == null ? "nothing" : first.asString() == null ? first.name() : first.asString()),
                        null, null, -1));
            }
        } catch (BatchTooLong e) {
            accepted.clear();
            rejected.clear();
            rejected.add(new Rejection(e.getMessage(), null, null, -1));
        } catch (JsonProcessingException e) {
            rejected.add(new Rejection("malformed JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), null, null, -1));
        } catch (IOException | RuntimeException e) {
            rejected.add(new Rejection("malformed message: " + e, null, null, -1));
        }
        return new DecodeResult(accepted, rejected);
    }

    private void decodeBatch(JsonParser p, List<DecodedMeasurement> accepted, List<Rejection> rejected)
            throws IOException {
        int index = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input inside the batch");
            }
            if (index >= limits.maxBatch()) {
                throw new BatchTooLong("batch too long: more than " + limits.maxBatch() + " measurements");
            }
            if (t == JsonToken.START_OBJECT) {
                decodeElement(p, index, accepted, rejected);
            } else {
                p.skipChildren();
                rejected.add(new Rejection("batch element " + index + " is not a JSON object", null, null, index));
            }
            index++;
        }
        if (index == 0) {
            rejected.add(new Rejection("empty batch", null, null, -1));
        }
    }

    private void decodeElement(JsonParser p, int index, List<DecodedMeasurement> accepted, List<Rejection> rejected)
            throws IOException {
        ElementReader reader = new ElementReader(shape);
        try {
            reader.read(p);
            accepted.add(reader.build());
        } catch (ElementReader.InvalidElement e) {
            skipRestOfObject(p, e.depthInside());
            rejected.add(new Rejection(e.getMessage(), reader.device(), reader.seq(), index));
        }
    }

    /** Skips to the END_OBJECT of the element the parser is inside. */
    private static void skipRestOfObject(JsonParser p, boolean insideObject) throws IOException {
        if (!insideObject) {
            return;
        }
        JsonToken t;
        int depth = 0;
        while ((t = p.nextToken()) != null) {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                depth++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                if (depth == 0) {
                    return;
                }
                depth--;
            }
        }
    }

    private static void expectEnd(JsonParser p) throws IOException {
        JsonToken trailing = p.nextToken();
        if (trailing != null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "trailing content after the message");
        }
    }

    private static final class BatchTooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BatchTooLong(String message) {
            super(message, null, false, false);
        }
    }
}
