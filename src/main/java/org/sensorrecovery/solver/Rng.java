package org.sensorrecovery.solver;

import org.sensorrecovery.sensing.SeededGaussian;

/** SplitMix64 with Gaussian draws; its whole state is one long, so checkpoints restore it exactly. */
final class Rng {

    private long state;

    Rng(long state) {
        this.state = state;
    }

    long state() {
        return state;
    }

    void reset(long newState) {
        state = newState;
    }

    double uniform() {
        state += SeededGaussian.GAMMA;
        return (SeededGaussian.mix(state) >>> 11) * 0x1.0p-53;
    }

    /** A standard normal draw (Box-Muller; the second value of the pair is dropped for simplicity). */
    double normal() {
        double u1 = uniform();
        double u2 = uniform();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
