package org.sensorrecovery.simulate;

import java.util.SplittableRandom;

/**
 * Standard normal draws by Box-Muller on StrictMath, so that a scenario gives the same bits on
 * every JVM and CPU (Math's intrinsics and nextGaussian may differ in the last bit). One owner.
 */
final class Normals {

    private final SplittableRandom rnd;
    private double spare;
    private boolean hasSpare;

    Normals(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double radius = StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - rnd.nextDouble()));
        double angle = 2.0 * StrictMath.PI * rnd.nextDouble();
        spare = radius * StrictMath.sin(angle);
        hasSpare = true;
        return radius * StrictMath.cos(angle);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return rnd.nextDouble();
    }

    /** Uniform in [0, bound). */
    int below(int bound) {
        return rnd.nextInt(bound);
    }

    long nextLong() {
        return rnd.nextLong();
    }

    /** Fills v with independent standard normals. Modified. */
    void fill(double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = next();
        }
    }

    /** A seed for stream {@code index} of a scenario seeded with {@code seed} (SplitMix64's finalizer). */
    static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
