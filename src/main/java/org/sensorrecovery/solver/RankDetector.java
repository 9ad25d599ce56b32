package org.sensorrecovery.solver;

/**
 * Reads the numerical rank from the eigenvalues of U^T U: the signal directions grow, the others
 * stay near the initialization scale. The rank is the position of the widest relative gap,
 * provided it is wide ({@code gapRatio}) and the eigenvalue above it has grown well above the
 * initialization scale; otherwise the spectrum has not separated.
 */
final class RankDetector {

    /** Smallest ratio mu_r / mu_{r+1} read as a separation. */
    static final double GAP_RATIO = 5.0;
    /** How far above the initialization scale a signal eigenvalue must have grown. */
    static final double GROWTH = 1e3;

    private RankDetector() {
    }

    /**
     * @param mu eigenvalues of U^T U, descending
     * @param initScale expected eigenvalue of U_0^T U_0
     * @return the detected rank, or -1 when the spectrum has not separated
     */
    static int separatedRank(double[] mu, int k, double initScale) {
        return separatedRank(mu, k, initScale, GROWTH * initScale);
    }

    /**
     * @param floor eigenvalues below it count as at it: gaps among directions that never grew (or
     *              decayed) say nothing about the signal
     * @param minSignal least eigenvalue above the gap
     */
    private static int separatedRank(double[] mu, int k, double floor, double minSignal) {
        if (k == 0 || !(mu[0] > 0)) {
            return -1;
        }
        floor = Math.max(floor, mu[0] * 1e-300);
        int best = -1;
        double bestRatio = 0.0;
        for (int j = 0; j < k - 1; j++) {
            double ratio = Math.max(mu[j], floor) / Math.max(mu[j + 1], floor);
            if (ratio > bestRatio) {
                bestRatio = ratio;
                best = j + 1;
            }
        }
        return best > 0 && bestRatio >= GAP_RATIO && mu[best - 1] >= minSignal ? best : -1;
    }

    /**
     * The rank to report: the separated rank when there is one, otherwise the number of
     * eigenvalues above 1e-12 of the largest (no separation: every direction carries weight).
     * Eigenvalues below the noise floor count as at the initialization scale: on noisy data the
     * spare directions fit noise and grow far above their start, and the gap that matters is
     * the one between signal and that noise, not between fitted noise and untouched directions.
     *
     * @param noiseFloor eigenvalue below which a direction is indistinguishable from the fit's
     *                   noise (the relative residual times ||X_hat||_F; 0 for none)
     */
    static int reportedRank(double[] mu, int k, double initScale, double noiseFloor) {
        int r = separatedRank(mu, k, Math.max(initScale, noiseFloor), GROWTH * initScale);
        if (r > 0) {
            return r;
        }
        int count = 0;
        for (int j = 0; j < k; j++) {
            if (mu[j] > 1e-12 * mu[0] && (mu[j] > noiseFloor || j == 0)) {
                count++;
            }
        }
        return count;
    }

    /**
     * How many values have clearly grown: at least GROWTH times the initialization scale and
     * GAP_RATIO times the noise floor. Once the width is the rank (plus a margin), the widest gap
     * may lie inside the signal (values 1 and 0.1 have a gap of 10 and nothing below them): these
     * values are signal whatever the gaps say.
     */
    static int grownCount(double[] mu, int k, double initScale, double noiseFloor) {
        double threshold = Math.max(GROWTH * initScale, GAP_RATIO * noiseFloor);
        int count = 0;
        while (count < k && mu[count] >= threshold) {
            count++;
        }
        return count;
    }

    /**
     * Whether the values beyond the first count carry at most the given share of the whole (sum of
     * squares), so that dropping their directions cannot lose more than the fit's error.
     */
    static boolean tailWithin(double[] values, int count, int k, double share) {
        double tail = 0.0;
        double all = 0.0;
        for (int j = 0; j < k; j++) {
            all += values[j] * values[j];
            if (j >= count) {
                tail += values[j] * values[j];
            }
        }
        return tail <= share * share * all;
    }
}
