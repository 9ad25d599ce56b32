package org.sensorrecovery.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The last number token read from a {@link JsonInput}: its place in the payload, whether it is an
 * integer, and its value as the first 19 significant decimal digits w and an exponent q
 * (value = w * 10^q, plus dropped digits when {@code inexact}). Holds no String; the token's text
 * is built only for an error message or the rare hard double. Reused across tokens.
 *
 * <p>Grammar: JSON's (no leading zeros, no '+', no '.5', no '1.', digits after 'e'), plus the
 * non-numeric tokens NaN, Infinity, +Infinity, -Infinity, +INF and -INF that the previous decoder
 * accepted (Jackson's ALLOW_NON_NUMERIC_NUMBERS), so that they are refused as "not finite".
 */
final class JsonNumber {

    /** Longest number, in digits (Jackson's maxNumberLength of the previous decoder). */
    static final int MAX_DIGITS = 400;

    private static final int MAX_SIGNIFICANT = 19;
    private static final long MAX_UNSIGNED_DIV_10 = Long.divideUnsigned(-1L, 10);
    private static final VarHandle LITTLE_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    int start;
    int end;
    boolean integer;
    private boolean negative;
    private long w;
    private int q;
    private boolean inexact;
    private double special;
    private boolean isSpecial;

    /**
     * Reads a number token at in.pos (which holds '-', '+', a digit, 'N' or 'I') and moves past it.
     *
     * @throws JsonInput.Malformed when the token is not a number
     */
    void read(JsonInput in) {
        byte[] b = in.buf;
        int end = in.end;
        int p = in.pos;
        buf = b;
        start = p;
        isSpecial = false;
        negative = false;
        int c = b[p];
        if (c == '-' || c == '+') {
            negative = c == '-';
            p++;
            if (p >= end) {
                throw in.malformedAt(p, "unexpected end of input in a number");
            }
            c = b[p];
            if (c == 'I') {
                readSigned(in, p);
                return;
            }
            if (!negative) {
                throw in.malformedAt(start, "a number may not start with '+'");
            }
            if (c < '0' || c > '9') {
                throw in.malformedAt(p, "expected a digit after the minus sign");
            }
        } else if (c == 'N') {
            readNamed(in, p, "NaN", Double.NaN);
            return;
        } else if (c == 'I') {
            readNamed(in, p, "Infinity", Double.POSITIVE_INFINITY);
            return;
        }
        readDecimal(in, p, end, b);
    }

    private void readDecimal(JsonInput in, int p, int end, byte[] b) {
        long w = 0;
        int q = 0;
        int significant = 0;
        boolean inexact = false;
        int intStart = p;
        if (b[p] < '0' || b[p] > '9') {
            throw in.malformedAt(p, "expected a digit");
        }
        if (b[p] == '0') {
            p++;
            if (p < end && b[p] >= '0' && b[p] <= '9') {
                throw in.malformedAt(p, "leading zeros are not allowed");
            }
        } else {
            // Integer part: digits past the 19th only scale the value.
            for (int d; p < end && (d = b[p] - '0') >= 0 && d <= 9; p++) {
                if (significant < MAX_SIGNIFICANT) {
                    w = 10 * w + d;
                    significant++;
                } else {
                    q++;
                    inexact |= d != 0;
                }
            }
        }
        int digits = p - intStart;
        integer = true;
        if (p < end && b[p] == '.') {
            int fracStart = ++p;
            for (int d; p < end && (d = b[p] - '0') >= 0 && d <= 9; p++) {
                if (significant > 0 && significant <= MAX_SIGNIFICANT - 8 && p + 8 <= end) {
                    long eight = (long) LITTLE_ENDIAN_LONG.get(b, p);
                    if (isEightDigits(eight)) {
                        w = 100_000_000L * w + eightDigits(eight);
                        significant += 8;
                        q -= 8;
                        p += 7;
                        continue;
                    }
                }
                if (significant == 0 && d == 0) {
                    q--;
                } else if (significant < MAX_SIGNIFICANT) {
                    w = 10 * w + d;
                    significant++;
                    q--;
                } else {
                    inexact |= d != 0;
                }
            }
            if (p == fracStart) {
                throw in.malformedAt(p, "decimal point not followed by a digit");
            }
            digits += p - fracStart;
            integer = false;
        }
        if (p < end && (b[p] | 0x20) == 'e') {
            p++;
            boolean minus = false;
            if (p < end && (b[p] == '-' || b[p] == '+')) {
                minus = b[p] == '-';
                p++;
            }
            int expStart = p;
            int e = 0;
            for (int d; p < end && (d = b[p] - '0') >= 0 && d <= 9; p++) {
                if (e < 100_000_000) {
                    e = 10 * e + d;
                }
            }
            if (p == expStart) {
                throw in.malformedAt(p, "exponent not followed by a digit");
            }
            digits += p - expStart;
            q = minus ? q - e : q + e;
            integer = false;
        }
        if (digits > MAX_DIGITS) {
            throw in.malformedAt(start, "number longer than " + MAX_DIGITS + " digits");
        }
        this.w = w;
        this.q = q;
        this.inexact = inexact;
        this.end = p;
        in.pos = p;
    }

    /** Whether the 8 bytes of v (little-endian) are all ASCII digits (fast_float's is_made_of_eight_digits_fast). */
    private static boolean isEightDigits(long v) {
        return ((v & 0xF0F0F0F0F0F0F0F0L) | (((v + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                == 0x3333333333333333L;
    }

    /** The value of 8 ASCII digits read little-endian (fast_float's parse_eight_digits_unrolled). */
    private static long eightDigits(long v) {
        long mask = 0x000000FF000000FFL;
        v -= 0x3030303030303030L;
        v = v * 10 + (v >>> 8);
        return (((v & mask) * 0x000F424000000064L) + (((v >>> 16) & mask) * 0x0000271000000001L)) >>> 32;
    }

    /** -Infinity, +Infinity, -INF, +INF (p at the 'I'). */
    private void readSigned(JsonInput in, int p) {
        int next = p + 1 < in.end ? in.buf[p + 1] : -1;
        String rest = next == 'N' ? "INF" : next == 'n' ? "Infinity" : null;
        if (rest == null) {
            throw in.malformedAt(p, negative ? "expected a digit after the minus sign"
                    : "a number may not start with '+'");
        }
        readNamed(in, p, rest, negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }

    private void readNamed(JsonInput in, int p, String name, double value) {
        in.matchWord(p, name);
        isSpecial = true;
        special = value;
        integer = false;
        end = in.pos;
    }

    /** The token's double, bit-identical to Double.parseDouble of its text (NaN and infinities as named). */
    double doubleValue() {
        if (isSpecial) {
            return special;
        }
        double v = w == 0 ? 0.0 : DecimalToDouble.convert(w, q);
        if (inexact && v == v && DecimalToDouble.convert(w + 1, q) != v) {
            v = Double.NaN; // the dropped digits decide the rounding
        }
        if (v != v) {
            return Double.parseDouble(text());
        }
        return negative ? -v : v;
    }

    /** The integer token's value when it fits in a long, else {@code fallback}. */
    long longValue(long fallback) {
        if (!integer || inexact || end - start > 20) {
            return fallback;
        }
        long v = 0;
        for (int p = negative ? start + 1 : start; p < end; p++) {
            int d = buf[p] - '0';
            if (v < (Long.MIN_VALUE + d) / 10) {
                return fallback;
            }
            v = 10 * v - d; // accumulate negatively: Long.MIN_VALUE has no positive twin
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                return fallback;
            }
            v = -v;
        }
        return v;
    }

    /** Whether the integer token fits in an int (the previous decoder's "integer index"). */
    boolean fitsInt() {
        long v = longValue(Long.MIN_VALUE);
        return integer && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
    }

    /** Whether the integer token is in [0, 2^64); see {@link #unsignedValue}. */
    boolean fitsUnsigned64() {
        if (!integer) {
            return false;
        }
        if (negative) {
            return isZero();
        }
        if (end - start > 20) {
            return false;
        }
        long v = 0;
        for (int p = start; p < end; p++) {
            int d = buf[p] - '0';
            if (Long.compareUnsigned(v, MAX_UNSIGNED_DIV_10) > 0
                    || (v == MAX_UNSIGNED_DIV_10 && d > 5)) {
                return false;
            }
            v = 10 * v + d;
        }
        return true;
    }

    /** The integer token as an unsigned 64-bit value; only when {@link #fitsUnsigned64()}. */
    long unsignedValue() {
        if (negative) {
            return 0;
        }
        long v = 0;
        for (int p = start; p < end; p++) {
            v = 10 * v + (buf[p] - '0');
        }
        return v;
    }

    /** Whether the token is NaN or an infinity written as a word. */
    boolean named() {
        return isSpecial;
    }

    boolean isZero() {
        return !isSpecial && w == 0;
    }

    /** The token as written, for messages (ASCII by construction). */
    String text() {
        return new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
    }
}
