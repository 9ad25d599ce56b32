package org.sensorrecovery.wire;

import org.sensorrecovery.sensing.Kind;

/** Reads a vector field (a, b, A): a JSON array of exactly the expected count of finite numbers. */
final class VectorReader {

    private VectorReader() {
    }

    /**
     * @param c the value's first byte (whitespace skipped), or -1 at the end of input
     * @param length the expected count, or -1 when the kind has no such field
     * @return the numbers, parsed straight from the payload's bytes
     * @throws ElementReader.InvalidElement after consuming the whole value
     */
    static double[] read(JsonInput in, int c, String field, int length, Kind kind) {
        if (length < 0) {
            in.skipValue();
            throw new ElementReader.InvalidElement(field + ": not a field of " + kind + " measurements", true);
        }
        if (c != '[') {
            in.skipValue();
            throw new ElementReader.InvalidElement(field + ": must be an array of " + length + " numbers", true);
        }
        in.pos++;
        in.enter();
        double[] v = new double[length];
        int n = 0;
        if (in.peek() == ']') {
            in.pos++;
            in.depth--;
        } else {
            do {
                if (!JsonInput.startsNumber(in.peek())) {
                    in.skipValue();
                    in.skipArrayRest(false);
                    throw new ElementReader.InvalidElement(field + ": element " + n + " is not a number", true);
                }
                JsonNumber number = in.readNumber();
                double x = number.doubleValue();
                if (!Double.isFinite(x)) {
                    String text = number.text();
                    in.skipArrayRest(false);
                    throw new ElementReader.InvalidElement(field + ": element " + n + " is not finite (" + text + ")",
                            true);
                }
                if (n < length) {
                    v[n] = x;
                }
                n++;
            } while (in.nextInArray());
            in.depth--;
        }
        if (n != length) {
            throw new ElementReader.InvalidElement(field + ": expected " + length + " numbers, got " + n, true);
        }
        return v;
    }
}
