package org.sensorrecovery.solver;

import org.sensorrecovery.linalg.SmallDense;

/**
 * Preconditioned nonlinear conjugate gradient (Polak-Ribiere+), dir &lt;- P^{-1} g + beta D_prev:
 * removes the stiff directions that make the preconditioned step zig-zag. Restarts (beta = 0) when
 * that would not descend and after {@link #restart()}. A step may come in two blocks (U and V),
 * whose inner products run over both as one vector. Workspaces allocated once.
 */
final class ConjugateDirections {

    private final double[] previousGradient;
    private final double[] previousPreconditioned;
    private final double[] previousDirection;
    private boolean primed;

    /** @param capacity the most numbers a step has, both blocks together */
    ConjugateDirections(int capacity) {
        this.previousGradient = new double[capacity];
        this.previousPreconditioned = new double[capacity];
        this.previousDirection = new double[capacity];
    }

    /** The next step starts a new sequence (beta = 0). */
    void restart() {
        primed = false;
    }

    /**
     * Turns the preconditioned gradients into conjugate directions, in place.
     *
     * @param g1 gradient, first block (n1 numbers)
     * @param d1 preconditioned gradient, first block. Modified.
     * @param g2 gradient, second block (n2 numbers, 0 for a one-block step)
     * @param d2 preconditioned gradient, second block. Modified.
     */
    void apply(double[] g1, double[] d1, int n1, double[] g2, double[] d2, int n2) {
        double beta = 0.0;
        if (primed) {
            double num = sum(g1, d1, previousPreconditioned, 0, n1, -1.0)
                    + sum(g2, d2, previousPreconditioned, n1, n2, -1.0);
            double den = SmallDense.dot(previousGradient, previousPreconditioned, n1 + n2);
            beta = den > 0 ? Math.max(0.0, num / den) : 0.0;
        }
        System.arraycopy(g1, 0, previousGradient, 0, n1);
        System.arraycopy(g2, 0, previousGradient, n1, n2);
        System.arraycopy(d1, 0, previousPreconditioned, 0, n1);
        System.arraycopy(d2, 0, previousPreconditioned, n1, n2);
        // Only while dir + beta D_prev still descends along g.
        if (beta > 0 && sum(g1, d1, previousDirection, 0, n1, beta) + sum(g2, d2, previousDirection, n1, n2, beta) > 0) {
            for (int i = 0; i < n1; i++) {
                d1[i] += beta * previousDirection[i];
            }
            for (int i = 0; i < n2; i++) {
                d2[i] += beta * previousDirection[n1 + i];
            }
        }
        System.arraycopy(d1, 0, previousDirection, 0, n1);
        System.arraycopy(d2, 0, previousDirection, n1, n2);
        primed = true;
    }

    /** sum_i g_i (d_i + c p_{off + i}) over one block of n numbers. */
    private static double sum(double[] g, double[] d, double[] p, int off, int n, double c) {
        double s = 0.0;
        for (int i = 0; i < n; i++) {
            s += g[i] * (d[i] + c * p[off + i]);
        }
        return s;
    }
}
