package org.sensorrecovery.solver;

/**
 * Preconditioned nonlinear conjugate gradient (Polak-Ribiere+): dir &lt;- P^{-1} g + beta D_prev. It
 * removes the few stiff directions that make the plain preconditioned step zig-zag. Restarts
 * (beta = 0) when the result is not a descent direction, and after {@link #restart()} (the factor
 * or the window changed). A step may come in two blocks (the U and V parts of a two-factor step):
 * the inner products run over both as one vector. Workspaces allocated once.
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
            double num = 0.0;
            double den = 0.0;
            for (int i = 0; i < n1; i++) {
                num += g1[i] * (d1[i] - previousPreconditioned[i]);
                den += previousGradient[i] * previousPreconditioned[i];
            }
            for (int i = 0; i < n2; i++) {
                num += g2[i] * (d2[i] - previousPreconditioned[n1 + i]);
                den += previousGradient[n1 + i] * previousPreconditioned[n1 + i];
            }
            beta = den > 0 ? Math.max(0.0, num / den) : 0.0;
        }
        System.arraycopy(g1, 0, previousGradient, 0, n1);
        System.arraycopy(g2, 0, previousGradient, n1, n2);
        System.arraycopy(d1, 0, previousPreconditioned, 0, n1);
        System.arraycopy(d2, 0, previousPreconditioned, n1, n2);
        if (beta > 0 && descends(g1, d1, n1, g2, d2, n2, beta)) {
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

    /** Whether dir + beta D_prev is still a descent direction for g. */
    private boolean descends(double[] g1, double[] d1, int n1, double[] g2, double[] d2, int n2, double beta) {
        double descent = 0.0;
        for (int i = 0; i < n1; i++) {
            descent += g1[i] * (d1[i] + beta * previousDirection[i]);
        }
        for (int i = 0; i < n2; i++) {
            descent += g2[i] * (d2[i] + beta * previousDirection[n1 + i]);
        }
        return descent > 0;
    }
}
