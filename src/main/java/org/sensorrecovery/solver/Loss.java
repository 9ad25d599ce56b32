package org.sensorrecovery.solver;

import java.util.Locale;

/**
 * The loss a solver fits, per array. Every loss other than {@link #L2} reweighs the residuals each
 * step from a robust scale, sigma = 1.4826 median |r_i| (iteratively reweighted least squares), so
 * the factorized step, its safeguard and its exact line search stay those of least squares.
 */
public enum Loss {
    /** Least squares: every measurement counts alike; one gross error can ruin the fit. */
    L2,
    /**
     * Trimmed least squares: residuals beyond 3 sigma get weight 0. With gross errors in a share of
     * the measurements it recovers X* exactly; the method the README recommends.
     */
    ROBUST,
    /** Least absolute deviations, as reweighted least squares: weight min(1, 1e-3 sigma / |r|). */
    L1,
    /** Huber's loss, weight min(1, 1.345 sigma / |r|). */
    HUBER;

    /** The key in configs and on the command line: the name in lower case. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Loss fromKey(String key) {
        for (Loss l : values()) {
            if (l.key().equals(key)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + key + "', expected l2, robust, l1 or huber");
    }

    @Override
    public String toString() {
        return key();
    }
}
