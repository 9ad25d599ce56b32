package org.sensorrecovery.wire;

import java.util.Arrays;

import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;

/**
 * Reads one measurement object, field by field, checking each against the array's shape. Reused
 * for the elements of one message: {@link #reset()} before each.
 */
final class ElementReader {

    private final ArrayShape shape;
    private final int aLength;
    private final int bLength;
    private final int denseLength;

    private final FieldName names = new FieldName();
    private int seen;
    private String device;
    private boolean hasSeq;
    private long seq;
    private boolean hasY;
    private double y;
    private double[] a;
    private double[] b;
    private double[] dense;
    private boolean hasI;
    private int i;
    private boolean hasJ;
    private int j;
    private boolean hasSeed;
    private long seed;

    /** The last device string and where its bytes are, so that a batch from one device makes one String. */
    private String lastDevice;
    private int lastDeviceAt;

    ElementReader(ArrayShape shape) {
        this.shape = shape;
        Kind kind = shape.kind();
        aLength = kind == Kind.RANK_ONE || kind == Kind.BILINEAR ? shape.rows() : -1;
        bLength = kind == Kind.BILINEAR ? shape.cols() : -1;
        denseLength = kind == Kind.DENSE ? shape.rows() * shape.cols() : -1;
    }

    void reset() {
        seen = 0;
        device = null;
        hasSeq = false;
        hasY = false;
        a = null;
        b = null;
        dense = null;
        hasI = false;
        hasJ = false;
        hasSeed = false;
    }

    /** The sender when its field came before the problem, else null. */
    String device() {
        return device;
    }

    /** The sequence number when its field came before the problem, else null. */
    Long seq() {
        return hasSeq ? seq : null;
    }

    /**
     * Reads the members of an object whose opening brace was taken, up to and including its
     * closing brace.
     *
     * @throws InvalidElement after consuming the offending value; the caller skips the rest
     */
    void read(JsonInput in) {
        if (in.peek() == '}') {
            in.pos++;
            return;
        }
        do {
            in.expect('"', "a field name");
            int field = names.read(in);
            in.expect(':', "':' after a field name");
            readField(field, in);
        } while (in.nextInObject());
    }

    private void readField(int field, JsonInput in) {
        if (field == FieldName.UNKNOWN) {
            throw invalidValue(in, names.unknown, "unknown field");
        }
        if ((seen & (1 << field)) != 0) {
            throw invalidValue(in, FieldName.NAMES[field], "duplicate field");
        }
        seen |= 1 << field;
        int c = in.peek();
        switch (field) {
            case FieldName.DEVICE -> device = readDevice(in, c);
            case FieldName.SEQ -> {
                seq = readSeq(in, c);
                hasSeq = true;
            }
            case FieldName.Y -> {
                y = readFinite(in, c);
                hasY = true;
            }
            case FieldName.A -> a = VectorReader.read(in, c, "a", aLength, shape.kind());
            case FieldName.B -> b = VectorReader.read(in, c, "b", bLength, shape.kind());
            case FieldName.DENSE -> dense = VectorReader.read(in, c, "A", denseLength, shape.kind());
            case FieldName.I -> {
                i = readIndex(in, c, "i", shape.rows());
                hasI = true;
            }
            case FieldName.J -> {
                j = readIndex(in, c, "j", shape.cols());
                hasJ = true;
            }
            default -> {
                seed = readSeed(in, c);
                hasSeed = true;
            }
        }
    }

    private String readDevice(JsonInput in, int c) {
        if (c != '"') {
            throw invalidValue(in, "device", "must be a string");
        }
        int from = ++in.pos;
        String last = lastDevice;
        if (last != null) {
            int n = lastDeviceAt < 0 ? -1 : last.length();
            int to = from + n;
            if (n >= 0 && to < in.end && in.buf[to] == '"'
                    && Arrays.equals(in.buf, from, to, in.buf, lastDeviceAt, lastDeviceAt + n)) {
                in.pos = to + 1;
                return last;
            }
        }
        String s = in.readString();
        lastDevice = s;
        // Reusable only when the String is the raw bytes: ASCII without escapes.
        lastDeviceAt = in.pos - from - 1 == s.length() && isPlainAscii(in.buf, from, in.pos - 1) ? from : -1;
        return s;
    }

    private static boolean isPlainAscii(byte[] buf, int from, int to) {
        for (int p = from; p < to; p++) {
            if (buf[p] < 0x20 || buf[p] == '\\') {
                return false;
            }
        }
        return true;
    }

    private long readSeq(JsonInput in, int c) {
        if (!JsonInput.startsNumber(c)) {
            throw invalidValue(in, "seq", "must be an integer");
        }
        JsonNumber n = in.readNumber();
        if (!n.integer) {
            throw new InvalidElement("seq: must be an integer", true);
        }
        long v = n.longValue(-1);
        if (v < 0) {
            throw new InvalidElement("seq: must be in [0, 2^63), got " + n.text(), true);
        }
        return v;
    }

    private double readFinite(JsonInput in, int c) {
        if (!JsonInput.startsNumber(c)) {
            throw invalidValue(in, "y", "must be a number");
        }
        JsonNumber n = in.readNumber();
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            throw new InvalidElement("y: must be a finite number, got " + n.text(), true);
        }
        return v;
    }

    private int readIndex(JsonInput in, int c, String field, int bound) {
        if (shape.kind() != Kind.ENTRY) {
            throw notOfKind(in, field);
        }
        if (!JsonInput.startsNumber(c)) {
            throw invalidValue(in, field, "must be an integer index");
        }
        JsonNumber n = in.readNumber();
        if (!n.fitsInt()) {
            throw new InvalidElement(field + ": must be an integer index", true);
        }
        int v = (int) n.longValue(0);
        if (v < 0 || v >= bound) {
            throw new InvalidElement(field + ": index " + v + " out of range [0, " + bound + ")", true);
        }
        return v;
    }

    private long readSeed(JsonInput in, int c) {
        if (shape.kind() != Kind.GAUSSIAN) {
            throw notOfKind(in, "seed");
        }
        if (!JsonInput.startsNumber(c)) {
            throw invalidValue(in, "seed", "must be an unsigned 64-bit integer");
        }
        JsonNumber n = in.readNumber();
        if (!n.integer) {
            throw new InvalidElement("seed: must be an unsigned 64-bit integer", true);
        }
        if (!n.fitsUnsigned64()) {
            throw new InvalidElement("seed: must be in [0, 2^64), got " + n.text(), true);
        }
        return n.unsignedValue();
    }

    DecodedMeasurement build() {
        if (!hasSeq) {
            throw new InvalidElement("seq: missing", false);
        }
        if (!hasY) {
            throw new InvalidElement("y: missing", false);
        }
        Measurement m = switch (shape.kind()) {
            case RANK_ONE -> new Measurement.RankOne(require("a", a), y);
            case BILINEAR -> new Measurement.Bilinear(require("a", a), require("b", b), y);
            case DENSE -> new Measurement.Dense(require("A", dense), y);
            case ENTRY -> {
                require("i", hasI);
                require("j", hasJ);
                yield new Measurement.Entry(i, j, y);
            }
            case GAUSSIAN -> {
                require("seed", hasSeed);
                yield new Measurement.Gaussian(seed, y);
            }
        };
        return new DecodedMeasurement(device == null ? "" : device, seq, m);
    }

    private double[] require(String field, double[] value) {
        require(field, value != null);
        return value;
    }

    private void require(String field, boolean present) {
        if (!present) {
            throw missing(field);
        }
    }

    private InvalidElement missing(String field) {
        return new InvalidElement(field + ": missing for a " + shape.kind() + " measurement", false);
    }

    private InvalidElement notOfKind(JsonInput in, String field) {
        return invalidValue(in, field, "not a field of " + shape.kind() + " measurements");
    }

    /** An element error found at the start of a value: skip the value (checking it), then report. */
    private static InvalidElement invalidValue(JsonInput in, String field, String problem) {
        in.skipValue();
        return new InvalidElement(field + ": " + problem, true);
    }

    /** A problem with one element; inside says whether the rest of its object is still to be skipped. */
    static final class InvalidElement extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean inside;

        InvalidElement(String message, boolean inside) {
            super(message, null, false, false);
            this.inside = inside;
        }

        boolean inside() {
            return inside;
        }
    }
}
