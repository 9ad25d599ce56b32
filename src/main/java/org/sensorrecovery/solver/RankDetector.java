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
     * The detected rank in mu (descending, k values), -1 when not separated. Values below the noise
     * floor ({@link #noiseFloor}; 0 for none) or initScale count as at it: on noisy data spare
     * directions fit noise, and the gap that matters is between signal and that noise.
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

    /** The rank to report: the separated one, or else the values above 1e-12 of the largest and the noise floor. */
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
     * How many values have clearly grown (GROWTH times initScale, GAP_RATIO times the noise floor):
     * once truncated, the widest gap may lie inside the signal (1 and 0.1); these are signal anyway.
     */
    static int grownCount(double[] mu, int k, double initScale, double noiseFloor) {
        double threshold = Math.max(GROWTH * initScale, GAP_RATIO * noiseFloor);
        int count = 0;
        while (count < k && mu[count] >= threshold) {
            count++;
        }
        return count;
    }

    /** Whether the values beyond the first count carry at most share of the whole (in the 2-norm). */
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
