package org.sensorrecovery.solver;

/** Tells when the loss has not fallen measurably over a window of accepted steps. */
final class StallWatch {

    private final int window;
    private double reference = Double.POSITIVE_INFINITY;
    private int since;

    StallWatch(int window) {
        this.window = window;
    }

    /** Starts a new window (the window of measurements or the factor changed). */
    void reset() {
        reference = Double.POSITIVE_INFINITY;
        since = 0;
    }

    /** Called once per accepted step: true when the loss fell by less than a millionth over the window. */
    boolean stalled(double loss) {
        if (++since < window) {
            return false;
        }
        since = 0;
        boolean flat = loss > (1.0 - 1e-6) * reference;
        reference = loss;
        return flat;
    }
}
