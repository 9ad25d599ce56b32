package org.sensorrecovery.bench;

/**
 * Measurements of several configurations taken in turn, round after round, so that load coming and
 * going on a shared machine hits them alike: in rotating order (round i starts with configuration
 * i mod n), or in the same order every round (a baseline, then what is compared with it).
 */
public final class Rotation {

    /** One measurement: the figures of one configuration in one round. */
    @FunctionalInterface
    public interface Measure {
        double[] run(int configuration, int round) throws Exception;
    }

    private final double[][][] figures;

    private Rotation(double[][][] figures) {
        this.figures = figures;
    }

    /** Runs every configuration once a round, for the given rounds. */
    public static Rotation run(int configurations, int rounds, boolean rotate, Measure measure) throws Exception {
        double[][][] figures = new double[configurations][rounds][];
        for (int i = 0; i < rounds; i++) {
            for (int j = 0; j < configurations; j++) {
                int c = rotate ? (i + j) % configurations : j;
                figures[c][i] = measure.run(c, i);
            }
        }
        return new Rotation(figures);
    }

    /** The median over the rounds of one figure of one configuration. */
    public double median(int configuration, int figure) {
        double[] values = new double[figures[configuration].length];
        for (int i = 0; i < values.length; i++) {
            values[i] = figures[configuration][i][figure];
        }
        return EndToEnd.median(values);
    }
}
