package org.sensorrecovery.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RankDetectorTest {

    private static final double INIT = 3e-6;

    /** A noisy fit: three sources, six directions that grew by fitting noise, the rest untouched. */
    private static final double[] NOISY = {3, 2, 1, 0.034, 0.03, 0.02, 0.01, 0.007, 0.005, INIT, INIT, INIT};

    @Test
    void withoutANoiseFloorTheGapAboveTheUntouchedDirectionsWins() {
        assertEquals(9, RankDetector.reportedRank(NOISY, NOISY.length, INIT, 0.0));
    }

    @Test
    void directionsBelowTheNoiseFloorDoNotCountAsSignal() {
        assertEquals(3, RankDetector.reportedRank(NOISY, NOISY.length, INIT, 0.1));
    }

    @Test
    void anIllConditionedNoiselessSpectrumKeepsItsSmallestSignal() {
        double[] mu = {1, 0.01, INIT, INIT, INIT};
        assertEquals(2, RankDetector.reportedRank(mu, mu.length, INIT, 1e-10));
    }

    @Test
    void withoutSeparationOnlyTheDirectionsAboveTheNoiseFloorAreReported() {
        double[] mu = {1, 0.8, 0.5, 0.3, 0.2, 0.12};
        assertEquals(6, RankDetector.reportedRank(mu, mu.length, INIT, 0.0));
        assertEquals(4, RankDetector.reportedRank(mu, mu.length, INIT, 0.25));
    }
}
