package org.sensorrecovery.wire;

import java.math.BigInteger;

/**
 * The double nearest to w * 10^q (ties to even), for a decimal significand w of at most 19 digits:
 * exactly what Double.parseDouble gives for the same digits, without a String. Clinger's fast path
 * when w and 10^|q| are exact doubles, else the Eisel-Lemire algorithm (Lemire, "Number Parsing at
 * a Gigabyte per Second", 2021, as in fast_float's compute_float); NaN when it cannot decide, so
 * that the caller falls back to Double.parseDouble.
 */
final class DecimalToDouble {

    /** Smallest and largest q of the table: w * 10^q is 0 below it, infinite above it, for any w < 2^64. */
    static final int MIN_Q = -342;
    static final int MAX_Q = 308;

    private static final double[] EXACT_POWERS = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    /** 5^q for q in [MIN_Q, MAX_Q] as 128-bit significands (high, low), normalized; see {@link #powersOfFive}. */
    private static final long[] POW5 = powersOfFive();

    private static final int MANTISSA_BITS = 52;
    private static final long IMPLICIT_BIT = 1L << MANTISSA_BITS;
    private static final int INFINITE_POWER = 0x7FF;

    private DecimalToDouble() {
    }

    /**
     * @param w the decimal significand, an unsigned 64-bit value of at most 19 decimal digits
     * @param q the decimal exponent
     * @return the positive double nearest to w * 10^q, or NaN when the caller must fall back
     */
    static double convert(long w, int q) {
        if (w >= 0 && w <= (1L << 53) && q >= -22 && q <= 22) {
            // Clinger's fast path: one correctly rounded operation on exact operands.
            return q < 0 ? w / EXACT_POWERS[-q] : w * EXACT_POWERS[q];
        }
        if (w == 0 || q < MIN_Q) {
            return 0.0;
        }
        if (q > MAX_Q) {
            return Double.POSITIVE_INFINITY;
        }
        long bits = eiselLemire(w, q);
        return bits < 0 ? Double.NaN : Double.longBitsToDouble(bits);
    }

    /** The bits of the nearest double, or -1 when the 128-bit product cannot decide the rounding. */
    private static long eiselLemire(long w, int q) {
        int lz = Long.numberOfLeadingZeros(w);
        w <<= lz;
        int index = 2 * (q - MIN_Q);
        long high = unsignedMultiplyHigh(w, POW5[index]);
        long low = w * POW5[index];
        if ((high & 0x1FF) == 0x1FF) {
            // The first product leaves the 55 bits we keep uncertain: refine with the low half of 5^q.
            long more = unsignedMultiplyHigh(w, POW5[index + 1]);
            low += more;
            if (Long.compareUnsigned(more, low) > 0) {
                high++;
            }
            if (low == -1L && (q < -27 || q > 55)) {
                return -1; // The original algorithm's guard; Mushtak and Lemire (2023) prove it never fires.
            }
        }
        int upperBit = (int) (high >>> 63);
        int shift = upperBit + 64 - MANTISSA_BITS - 3;
        long mantissa = high >>> shift;
        int power2 = power(q) + upperBit - lz + 1023;
        if (power2 <= 0) {
            return subnormal(mantissa, power2);
        }
        if (Long.compareUnsigned(low, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1
                && (mantissa << shift) == high) {
            mantissa &= ~1L; // exactly halfway: round to even, down
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= (IMPLICIT_BIT << 1)) {
            mantissa = IMPLICIT_BIT;
            power2++;
        }
        mantissa &= ~IMPLICIT_BIT;
        if (power2 >= INFINITE_POWER) {
            return (long) INFINITE_POWER << MANTISSA_BITS;
        }
        return mantissa | ((long) power2 << MANTISSA_BITS);
    }

    private static long subnormal(long mantissa, int power2) {
        if (-power2 + 1 >= 64) {
            return 0;
        }
        mantissa >>>= -power2 + 1;
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        // Rounding up may carry into the smallest normal exponent: the implicit bit then reads as exponent 1.
        return mantissa;
    }

    /** floor(log2(5^q)) + q + 63, for q in (-400, 350). */
    private static int power(int q) {
        return (((152170 + 65536) * q) >> 16) + 63;
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /**
     * 5^q normalized to [2^127, 2^128): truncated for q >= 0 (exact up to q = 55); for q < 0 the
     * reciprocal 2^b / 5^-q computed with enough bits, plus one, then truncated (fast_float's table).
     */
    private static long[] powersOfFive() {
        long[] table = new long[2 * (MAX_Q - MIN_Q + 1)];
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        for (int q = MIN_Q; q <= MAX_Q; q++) {
            BigInteger v;
            if (q >= 0) {
                v = BigInteger.valueOf(5).pow(q);
            } else {
                BigInteger p = BigInteger.valueOf(5).pow(-q);
                int z = p.bitLength();
                int b = q >= -27 ? z + 127 : 2 * z + 128;
                v = BigInteger.ONE.shiftLeft(b).divide(p).add(BigInteger.ONE);
            }
            int excess = v.bitLength() - 128;
            v = excess > 0 ? v.shiftRight(excess) : v.shiftLeft(-excess);
            if (v.compareTo(two128) >= 0) {
                throw new AssertionError("5^" + q);
            }
            int i = 2 * (q - MIN_Q);
            table[i] = v.shiftRight(64).longValue();
            table[i + 1] = v.longValue();
        }
        return table;
    }
}
