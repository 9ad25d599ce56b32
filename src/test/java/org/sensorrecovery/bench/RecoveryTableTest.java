package org.sensorrecovery.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Recovery at the sampling boundary with solve's defaults (no rank given, full width), on data
 * seeds where the full-width start fails: a stall at k = d (rank-one d = 100, seed 18) and fits
 * that interpolate the window at k = min(rows, cols) (bilinear 60 x 40 seeds 1-3, 45 x 35 seed
 * 5), and one where it does not (45 x 35 seed 1). The full table over 20 seeds per case is
 * {@code bench recovery} (README, "Recovery at the sampling boundary").
 */
class RecoveryTableTest {

    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"rank-one-100, 18", "bilinear-60x40, 1", "bilinear-60x40, 2", "bilinear-60x40, 3",
            "bilinear-45x35, 5", "bilinear-45x35, 1"})
    void recoversExactlyWithTheDefaultsWhereTheFullWidthStartFails(String name, long seed) {
        RecoveryTable.Outcome o = RecoveryTable.solve(RecoveryTable.Case.named(name), seed, () -> 0L);
        // Exact is an error below 1e-6; the solver's tolerance (1e-10 on the residual) gives about 3e-10 here.
        assertTrue(o.exact(), name + " seed " + seed + ": " + o);
    }
}
