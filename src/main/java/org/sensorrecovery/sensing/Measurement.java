package org.sensorrecovery.sensing;

/**
 * One linear measurement y = &lt;A, X&gt; in the form a device sends it (DESIGN.md, "Measurement kinds").
 * Records are plain carriers; a {@link SymmetricSensing} or {@link FactorSensing} validates them
 * against its array when they are added.
 */
public sealed interface Measurement {

    /** The measured value. */
    double y();

    /** The kind this measurement belongs to. */
    Kind kind();

    /** y = a^T X a. */
    record RankOne(double[] a, double y) implements Measurement {
        @Override
        public Kind kind() {
            return Kind.RANK_ONE;
        }
    }

    /** y = X[i][j]. */
    record Entry(int i, int j, double y) implements Measurement {
        @Override
        public Kind kind() {
            return Kind.ENTRY;
        }
    }

    /** y = a^T X b. */
    record Bilinear(double[] a, double[] b, double y) implements Measurement {
        @Override
        public Kind kind() {
            return Kind.BILINEAR;
        }
    }

    /** y = &lt;A(seed), X&gt; with A(seed) from {@link SeededGaussian}; the seed is an unsigned 64-bit value. */
    record Gaussian(long seed, double y) implements Measurement {
        @Override
        public Kind kind() {
            return Kind.GAUSSIAN;
        }
    }

    /** y = &lt;A, X&gt;, A given in full, d*d row-major. */
    record Dense(double[] a, double y) implements Measurement {
        @Override
        public Kind kind() {
            return Kind.DENSE;
        }
    }
}
