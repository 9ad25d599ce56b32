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
import java.math.BigInteger;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;

/**
 * The measurement decoder as it was before {@link MeasurementCodec} read bytes itself: Jackson's
 * streaming parser. Kept, unchanged but for its name, as the reference the byte decoder is checked
 * against (MeasurementDecoderPropertyTest) and as the benchmark's baseline; not used by the runtime.
 */
public final class JacksonMeasurementCodec {

    private static final JsonFactory JSON = new JsonFactoryBuilder()
            // NaN and Infinity parse as numbers so that the element, not the whole batch, is refused.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxNumberLength(400).build())
            .build();

    private final ArrayShape shape;
    private final WireLimits limits;

    public JacksonMeasurementCodec(ArrayShape shape, WireLimits limits) {
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

    /** Reads one measurement object, field by field, checking each against the array's shape. */
    static final class ElementReader {

        private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

        private final ArrayShape shape;
        private String device = "";
        private boolean hasDevice;
        private Long seq;
        private Double y;
        private double[] a;
        private double[] b;
        private double[] dense;
        private Integer i;
        private Integer j;
        private Long seed;

        ElementReader(ArrayShape shape) {
            this.shape = shape;
        }

        String device() {
            return hasDevice ? device : null;
        }

        Long seq() {
            return seq;
        }

        /** Reads fields up to and including the object's END_OBJECT. */
        void read(JsonParser p) throws IOException {
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                readField(name, p);
            }
            if (t != JsonToken.END_OBJECT) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input inside an object");
            }
        }

        private final java.util.Set<String> seen = new java.util.HashSet<>(8);

        private void readField(String name, JsonParser p) throws IOException {
            if (!seen.add(name)) {
                throw invalid(name, "duplicate field", p);
            }
            switch (name) {
                case "device" -> {
                    if (p.currentToken() != JsonToken.VALUE_STRING) {
                        throw invalid("device", "must be a string", p);
                    }
                    device = p.getText();
                    hasDevice = true;
                }
                case "seq" -> seq = readNonNegativeLong("seq", p);
                case "y" -> y = readFinite("y", p);
                case "a" -> a = readVector("a", p, kindOwns("a"));
                case "b" -> b = readVector("b", p, kindOwns("b"));
                case "A" -> dense = readVector("A", p, kindOwns("A"));
                case "i" -> i = readIndex("i", p, kindOwns("i"), shape.rows());
                case "j" -> j = readIndex("j", p, kindOwns("j"), shape.cols());
                case "seed" -> seed = readSeed(p, kindOwns("seed"));
                default -> throw invalid(name, "unknown field", p);
            }
        }

        /** The expected length of a vector field for this kind, or -1 when the kind has no such field. */
        private int kindOwns(String field) {
            Kind kind = shape.kind();
            return switch (field) {
                case "a" -> kind == Kind.RANK_ONE || kind == Kind.BILINEAR ? shape.rows() : -1;
                case "b" -> kind == Kind.BILINEAR ? shape.cols() : -1;
                case "A" -> kind == Kind.DENSE ? shape.rows() * shape.cols() : -1;
                case "i", "j" -> kind == Kind.ENTRY ? 1 : -1;
                case "seed" -> kind == Kind.GAUSSIAN ? 1 : -1;
                default -> -1;
            };
        }

        DecodedMeasurement build() {
            if (seq == null) {
                throw new InvalidElement("seq: missing", false);
            }
            if (y == null) {
                throw new InvalidElement("y: missing", false);
            }
            Measurement m = switch (shape.kind()) {
                case RANK_ONE -> new Measurement.RankOne(require("a", a), y);
                case BILINEAR -> new Measurement.Bilinear(require("a", a), require("b", b), y);
                case DENSE -> new Measurement.Dense(require("A", dense), y);
                case ENTRY -> new Measurement.Entry(require("i", i), require("j", j), y);
                case GAUSSIAN -> new Measurement.Gaussian(require("seed", seed), y);
            };
            return new DecodedMeasurement(device, seq, m);
        }

        private <T> T require(String field, T value) {
            if (value == null) {
                throw new InvalidElement(field + ": missing for a " + shape.kind() + " measurement", false);
            }
            return value;
        }

        private double readFinite(String field, JsonParser p) throws IOException {
            if (!p.currentToken().isNumeric()) {
                throw invalid(field, "must be a number", p);
            }
            double v = p.getDoubleValue();
            if (!Double.isFinite(v)) {
                throw invalid(field, "must be a finite number, got " + p.getText(), p);
            }
            return v;
        }

        private long readNonNegativeLong(String field, JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw invalid(field, "must be an integer", p);
            }
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0) {
                throw invalid(field, "must be in [0, 2^63), got " + p.getText(), p);
            }
            return p.getLongValue();
        }

        private long readSeed(JsonParser p, int owned) throws IOException {
            if (owned < 0) {
                throw notOfKind("seed", p);
            }
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw invalid("seed", "must be an unsigned 64-bit integer", p);
            }
            BigInteger v = p.getBigIntegerValue();
            if (v.signum() < 0 || v.compareTo(TWO_64) >= 0) {
                throw invalid("seed", "must be in [0, 2^64), got " + p.getText(), p);
            }
            return v.longValue();
        }

        private int readIndex(String field, JsonParser p, int owned, int bound) throws IOException {
            if (owned < 0) {
                throw notOfKind(field, p);
            }
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                throw invalid(field, "must be an integer index", p);
            }
            int v = p.getIntValue();
            if (v < 0 || v >= bound) {
                throw invalid(field, "index " + v + " out of range [0, " + bound + ")", p);
            }
            return v;
        }

        private double[] readVector(String field, JsonParser p, int length) throws IOException {
            if (length < 0) {
                throw notOfKind(field, p);
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw invalid(field, "must be an array of " + length + " numbers", p);
            }
            double[] v = new double[length];
            int n = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input inside '" + field + "'");
                }
                if (!t.isNumeric()) {
                    p.skipChildren();
                    throw invalidInArray(field, "element " + n + " is not a number", p);
                }
                double x = p.getDoubleValue();
                if (!Double.isFinite(x)) {
                    throw invalidInArray(field, "element " + n + " is not finite (" + p.getText() + ")", p);
                }
                if (n < length) {
                    v[n] = x;
                }
                n++;
            }
            if (n != length) {
                throw invalid(field, "expected " + length + " numbers, got " + n, p);
            }
            return v;
        }

        private InvalidElement notOfKind(String field, JsonParser p) throws IOException {
            return invalid(field, "not a field of " + shape.kind() + " measurements", p);
        }

        /** An element error raised with the parser at a value: skip that value, then the rest of the object. */
        private static InvalidElement invalid(String field, String problem, JsonParser p) throws IOException {
            p.skipChildren();
            return new InvalidElement(field + ": " + problem, true);
        }

        /** An element error raised inside an array value: finish the array first. */
        private static InvalidElement invalidInArray(String field, String problem, JsonParser p) throws IOException {
            int depth = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
                    depth++;
                } else if (t == JsonToken.END_ARRAY || t == JsonToken.END_OBJECT) {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                }
            }
            return new InvalidElement(field + ": " + problem, true);
        }

        /** A problem with one element; depthInside says whether the parser is still inside its object. */
        static final class InvalidElement extends RuntimeException {
            private static final long serialVersionUID = 1L;
            private final boolean inside;

            InvalidElement(String message, boolean inside) {
                super(message, null, false, false);
                this.inside = inside;
            }

            boolean depthInside() {
                return inside;
            }
        }
    }
}
