package org.sensorrecovery.solver;

/**
 * The loss along a step direction. With residuals r_i, weights w_i (see {@link ResidualWeights};
 * all 1 for plain least squares) and the step images q_i, s_i of the direction (the prediction at
 * step size eta is pred_i - eta q_i + eta^2 s_i, for U U^T and for U V^T alike),
 * f(eta) = 1/(2n) sum_i w_i (r_i - eta q_i + eta^2 s_i)^2 with n the training rows: a quartic, so
 * trial steps cost O(m) and its exact minimizer needs no further pass over the data.
 */
final class StepLoss {

    /** Sufficient decrease of the Armijo rule: f(eta) &lt;= f(0) - ARMIJO eta slope. */
    static final double ARMIJO = 1e-4;

    private StepLoss() {
    }

    /** f(eta). */
    static double at(double[] r, double[] q, double[] s, double[] w, int m, int n, double eta) {
        double sum = 0.0;
        double eta2 = eta * eta;
        for (int i = 0; i < m; i++) {
            double e = r[i] - eta * q[i] + eta2 * s[i];
            sum += w[i] * e * e;
        }
        return sum / (2.0 * n);
    }

    /** -f'(0) = (1/n) sum_i w_i r_i q_i. */
    static double slope(double[] r, double[] q, double[] w, int m, int n) {
        double sum = 0.0;
        for (int i = 0; i < m; i++) {
            sum += w[i] * r[i] * q[i];
        }
        return sum / n;
    }

    /** r_i &lt;- r_i - eta q_i + eta^2 s_i: the residuals once the step is taken (every row, weighted or not). */
    static void advance(double[] r, double[] q, double[] s, int m, double eta) {
        double eta2 = eta * eta;
        for (int i = 0; i < m; i++) {
            r[i] += -eta * q[i] + eta2 * s[i];
        }
    }

    /**
     * The first local minimizer of f(eta) for eta &gt; 0 (f' is a cubic with negative value at 0),
     * found by bracketing from start and bisection; limit when f still falls there.
     *
     * @param slope -f'(0), positive
     * @return the minimizer, or start when it cannot be found
     */
    static double firstMinimizer(double[] r, double[] q, double[] s, double[] w, int m, int n, double slope,
                                 double start, double limit) {
        double ss = 0.0;
        double qs = 0.0;
        double rs = 0.0;
        double qq = 0.0;
        for (int i = 0; i < m; i++) {
            double ws = w[i] * s[i];
            ss += ws * s[i];
            qs += q[i] * ws;
            rs += r[i] * ws;
            qq += w[i] * q[i] * q[i];
        }
        // n f'(eta) = 2 ss eta^3 - 3 qs eta^2 + (2 rs + qq) eta - n slope.
        double c3 = 2.0 * ss;
        double c2 = -3.0 * qs;
        double c1 = 2.0 * rs + qq;
        double c0 = -slope * n;
        double lo = 0.0;
        double hi = start;
        while (cubic(c3, c2, c1, c0, hi) < 0.0 && hi < limit) {
            lo = hi;
            hi *= 2.0;
        }
        if (hi >= limit) {
            return limit;
        }
        for (int it = 0; it < 60 && hi - lo > 1e-12 * hi; it++) {
            double mid = 0.5 * (lo + hi);
            if (cubic(c3, c2, c1, c0, mid) < 0.0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double eta = 0.5 * (lo + hi);
        return Double.isFinite(eta) && eta > 0 ? eta : start;
    }

    private static double cubic(double c3, double c2, double c1, double c0, double x) {
        return ((c3 * x + c2) * x + c1) * x + c0;
    }
}
