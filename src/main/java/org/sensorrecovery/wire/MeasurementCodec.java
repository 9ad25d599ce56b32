package org.sensorrecovery.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes measurement messages of the wire contract (DESIGN.md): one JSON object or a JSON array of
 * them, with exactly the fields of the array's kind. Never throws: every problem becomes a
 * {@link Rejection} naming the field, and a bad element of a batch never stops its valid siblings.
 * Reads the UTF-8 bytes directly (no String of the payload, none per number); accepts and refuses
 * what the Jackson decoder it replaced did, with the same reasons (malformed JSON is described in
 * its own words). One instance per array; thread-safe.
 */
public final class MeasurementCodec {

    private static final String NOT_A_MESSAGE = "malformed message: expected a JSON object or an array of objects, got ";

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
        JsonInput in;
        try {
            in = PayloadEncoding.open(payload);
        } catch (JsonInput.Malformed e) {
            rejected.add(new Rejection("malformed JSON: " + e.getMessage(), null, null, -1));
            return new DecodeResult(accepted, rejected);
        }
        try {
            int first = in.peek();
            if (first == '{') {
                in.pos++;
                decodeElement(in, new ElementReader(shape), 0, accepted, rejected);
                expectEnd(in);
            } else if (first == '[') {
                in.pos++;
                decodeBatch(in, accepted, rejected);
                expectEnd(in);
            } else {
                rejected.add(new Rejection(NOT_A_MESSAGE + rootToken(in, first), null, null, -1));
            }
        } catch (BatchTooLong e) {
            accepted.clear();
            rejected.clear();
            rejected.add(new Rejection(e.getMessage(), null, null, -1));
        } catch (JsonInput.Malformed e) {
            rejected.add(new Rejection("malformed JSON: " + e.getMessage() + " " + in.location(e.at), null, null, -1));
        } catch (RuntimeException e) {
            rejected.add(new Rejection("malformed message: " + e, null, null, -1));
        }
        return new DecodeResult(accepted, rejected);
    }

    private void decodeBatch(JsonInput in, List<DecodedMeasurement> accepted, List<Rejection> rejected) {
        in.enter();
        if (in.peek() == ']') {
            in.pos++;
            in.depth--;
            rejected.add(new Rejection("empty batch", null, null, -1));
            return;
        }
        ElementReader reader = new ElementReader(shape);
        int index = 0;
        do {
            int c = in.peek();
            if (index >= limits.maxBatch()) {
                checkFirstToken(in, c);
                throw new BatchTooLong("batch too long: more than " + limits.maxBatch() + " measurements");
            }
            if (c == '{') {
                in.pos++;
                decodeElement(in, reader, index, accepted, rejected);
            } else {
                // The previous decoder refused a string element before reading it, a container after.
                Rejection notAnObject = new Rejection("batch element " + index + " is not a JSON object", null, null, index);
                if (c == '"') {
                    rejected.add(notAnObject);
                }
                in.skipValue();
                if (c != '"') {
                    rejected.add(notAnObject);
                }
            }
            index++;
        } while (in.nextInArray());
        in.depth--;
    }

    /** Decodes an object whose opening brace was taken, through its closing brace. */
    private static void decodeElement(JsonInput in, ElementReader reader, int index,
            List<DecodedMeasurement> accepted, List<Rejection> rejected) {
        in.enter();
        reader.reset();
        try {
            reader.read(in);
            in.depth--;
            accepted.add(reader.build());
        } catch (ElementReader.InvalidElement e) {
            if (e.inside()) {
                skipRestOfObject(in);
            }
            rejected.add(new Rejection(e.getMessage(), reader.device(), reader.seq(), index));
        }
    }

    /** Skips the members after an offending value, through the object's closing brace. */
    private static void skipRestOfObject(JsonInput in) {
        while (in.nextInObject()) {
            in.expect('"', "a field name");
            in.skipName();
            in.expect(':', "':' after a field name");
            in.skipValue();
        }
        in.depth--;
    }

    /**
     * The first token of the element past the batch limit, read as the previous decoder read it
     * before refusing the batch: checked, except that a string is not looked into.
     */
    private static void checkFirstToken(JsonInput in, int c) {
        if (c == '{' || c == '[' || c == '"') {
            return;
        }
        if (c == 't' || c == 'f' || c == 'n') {
            in.matchWord(in.pos, c == 't' ? "true" : c == 'f' ? "false" : "null");
        } else if (JsonInput.startsNumber(c)) {
            in.readNumber();
        } else {
            throw c < 0 ? in.malformedAt(in.pos, "unexpected end of input inside the batch")
                    : in.unexpected(in.pos, "a value");
        }
    }

    /** What a message that is neither object nor array holds, named as the previous decoder named it. */
    private static String rootToken(JsonInput in, int c) {
        if (c < 0) {
            return "nothing";
        }
        switch (c) {
            case '"' -> {
                return "VALUE_STRING";
            }
            case 't' -> {
                in.matchWord(in.pos, "true");
                return "true";
            }
            case 'f' -> {
                in.matchWord(in.pos, "false");
                return "false";
            }
            case 'n' -> {
                in.matchWord(in.pos, "null");
                return "null";
            }
            default -> {
                if (!JsonInput.startsNumber(c)) {
                    throw in.unexpected(in.pos, "a JSON object or array");
                }
                JsonNumber n = in.readNumber();
                if (!n.named() && in.pos < in.end && " \t\r\n".indexOf(in.buf[in.pos]) < 0) {
                    throw in.unexpected(in.pos, "white space after a number");
                }
                return n.integer ? "VALUE_NUMBER_INT" : "VALUE_NUMBER_FLOAT";
            }
        }
    }

    private static void expectEnd(JsonInput in) {
        if (in.peek() >= 0) {
            throw in.malformedAt(in.pos, "trailing content after the message");
        }
    }

    private static final class BatchTooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BatchTooLong(String message) {
            super(message, null, false, false);
        }
    }
}
