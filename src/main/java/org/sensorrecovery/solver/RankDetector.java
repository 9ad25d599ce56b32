package org.sensorrecovery.solver;

import org.sensorrecovery.linalg.SmallDense;

/**
 * Reads the numerical rank from the eigenvalues of U^T U: the signal directions grow, the others
 * stay near the initialization scale. The rank is the position of the widest relative gap,
 * provided it is wide ({@link #GAP_RATIO}) and the eigenvalue above it has grown well above the
 * initialization scale; otherwise the spectrum has not separated.
 */
final class RankDetector {

    /** Smallest ratio mu_r / mu_{r+1} read as a separation. */
    static final double GAP_RATIO = 5.0;
    /** How far above the initialization scale a signal eigenvalue must have grown. */
    static final double GROWTH = 1e3;

    private RankDetector() {
    }

    /** The singular value a direction fitted to noise reaches: relative residual times ||X_hat||_F. */
    static double noiseFloor(double residual, double[] sigma) {
        return Double.isFinite(residual) ? residual * Math.sqrt(SmallDense.sumOfSquares(sigma, sigma.length)) : 0.0;
    }

    /**
     * @param mu eigenvalues of U^T U, descending
     * @param initScale expected eigenvalue of U_0^T U_0
     * @param noiseFloor the value a direction fitted to noise reaches ({@link #noiseFloor}; 0 for none).
     *                   Values below it or initScale count as at it: on noisy data the spare directions fit
     *                   noise and grow far above their start, and the gap that matters is the one between
     *                   signal and that noise, not between fitted noise and untouched (or decayed) directions.
     * @return the detected rank, or -1 when the spectrum has not separated
     */
    static int separatedRank(double[] mu, int k, double initScale, double noiseFloor) {
        if (k == 0 || !(mu[0] > 0)) {
            return -1;
        }
        double floor = Math.max(Math.max(initScale, noiseFloor), mu[0] * 1e-300);
        int best = -1;
        double bestRatio = 0.0;
        for (int j = 0; j < k - 1; j++) {
            double ratio = Math.max(mu[j], floor) / Math.max(mu[j + 1], floor);
            if (ratio > bestRatio) {
                bestRatio = ratio;
                best = j + 1;
            }
        }
        return best > 0 && bestRatio >= GAP_RATIO && mu[best - 1] >= GROWTH * initScale ? best : -1;
    }

    /**
     * The rank to report: the separated rank when there is one, otherwise (no separation: every
     * direction carries weight) the number of eigenvalues above 1e-12 of the largest and above the
     * noise floor (the largest always).
     */
    static int reportedRank(double[] mu, int k, double initScale, double noiseFloor) {
        int r = separatedRank(mu, k, initScale, noiseFloor);
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
