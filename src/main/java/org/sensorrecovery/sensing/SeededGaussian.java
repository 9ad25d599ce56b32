package org.sensorrecovery.sensing;

/**
 * The seeded Gaussian sensing matrix A(seed) of the wire contract (DESIGN.md), reproducible by a
 * device in any language: SplitMix64, uniforms from the top 53 bits, Box-Muller pairs, G filled
 * row-major, A = (G + G^T) / 2.
 */
public final class SeededGaussian {

    private static final double TWO_PI = 2.0 * Math.PI;
    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

    private SeededGaussian() {
    }

    /** SplitMix64 step: returns the next output for the state, which the caller advances by the golden gamma. */
    public static long mix(long state) {
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The golden-ratio increment of SplitMix64. */
    public static final long GAMMA = 0x9E3779B97F4A7C15L;

    /**
     * Writes A(seed) into out.
     *
     * @param seed unsigned 64-bit seed
     * @param d dimension
     * @param out at least d*d, row-major. Overwritten.
     */
    public static void fill(long seed, int d, double[] out) {
        int n = d * d;
        long s = seed;
        int idx = 0;
        while (idx < n) {
            s += GAMMA;
            double u1 = (mix(s) >>> 11) * TWO_POW_MINUS_53;
            s += GAMMA;
            double u2 = (mix(s) >>> 11) * TWO_POW_MINUS_53;
            double radius = Math.sqrt(-2.0 * Math.log(1.0 - u1));
            double angle = TWO_PI * u2;
            out[idx++] = radius * Math.cos(angle);
            if (idx < n) {
                out[idx++] = radius * Math.sin(angle);
            }
        }
        // Symmetrize in place: A = (G + G^T) / 2.
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double v = 0.5 * (out[i * d + j] + out[j * d + i]);
                out[i * d + j] = v;
                out[j * d + i] = v;
            }
        }
    }
}
