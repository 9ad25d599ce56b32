package org.sensorrecovery.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The field names of a measurement object, read straight from the payload. Reused; not thread-safe. */
final class FieldName {

    static final int DEVICE = 0;
    static final int SEQ = 1;
    static final int Y = 2;
    static final int A = 3;
    static final int B = 4;
    static final int DENSE = 5;
    static final int I = 6;
    static final int J = 7;
    static final int SEED = 8;
    static final int UNKNOWN = -1;
    static final String[] NAMES = {"device", "seq", "y", "a", "b", "A", "i", "j", "seed"};
    private static final int[] LONG_NAMES = {SEQ, SEED, DEVICE};

    /** The last unknown name read. */
    String unknown;

    /**
     * Reads a field name whose opening quote was taken: its index in NAMES, or UNKNOWN with the name
     * kept in {@link #unknown}. ASCII names are matched against the payload without a String.
     */
    int read(JsonInput in) {
        byte[] buf = in.buf;
        int from = in.pos;
        int p = from;
        while (p < in.end && buf[p] != '"' && buf[p] >= 0x20 && buf[p] != '\\') {
            p++;
        }
        String name;
        if (p < in.end && buf[p] == '"') {
            in.pos = p + 1;
            int field = knownName(buf, from, p - from);
            if (field != UNKNOWN) {
                return field;
            }
            name = new String(buf, from, p - from, StandardCharsets.ISO_8859_1);
        } else {
            name = in.readString();
        }
        if (name.length() > JsonInput.MAX_NAME_LENGTH) {
            throw in.malformedAt(from, "field name longer than " + JsonInput.MAX_NAME_LENGTH + " characters");
        }
        int field = Arrays.asList(NAMES).indexOf(name);
        if (field == UNKNOWN) {
            unknown = name;
        }
        return field;
    }

    private static int knownName(byte[] buf, int from, int length) {
        if (length == 1) {
            return switch (buf[from]) {
                case 'y' -> Y;
                case 'a' -> A;
                case 'b' -> B;
                case 'A' -> DENSE;
                case 'i' -> I;
                case 'j' -> J;
                default -> UNKNOWN;
            };
        }
        for (int f : LONG_NAMES) {
            String n = NAMES[f];
            if (n.length() == length && matches(buf, from, n)) {
                return f;
            }
        }
        return UNKNOWN;
    }

    private static boolean matches(byte[] buf, int from, String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            if (buf[from + k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
