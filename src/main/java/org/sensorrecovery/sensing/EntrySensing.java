package org.sensorrecovery.sensing;

/**
 * Entry samples of a symmetric matrix (correlation completion): y = X_ij = u_i . u_j, the
 * rectangular entry samples with the factors tied. sym(e_i e_j^T) U puts u_j / 2 on row i and
 * u_i / 2 on row j.
 */
public final class EntrySensing extends RectangularEntrySensing implements SymmetricSensing {

    public EntrySensing(int d, int capacity) {
        super(d, d, capacity);
    }

    @Override
    public boolean growthIsSignal() {
        return false;
    }

    /** U U^T is PSD: the structure that spare columns of U V^T lack. */
    @Override
    public boolean spareColumnsOverfit() {
        return false;
    }

    @Override
    public void predict(double[] u, int k, double[] pred) {
        predict(u, u, k, pred);
    }

    @Override
    public void gradient(double[] w, double[] u, int k, double[] g) {
        gradient(w, u, u, k, g, g);
        for (int i = 0, n = rows() * k; i < n; i++) {
            g[i] *= 0.5;
        }
    }

    @Override
    public void direction(double[] u, double[] dir, int k, double[] q, double[] s) {
        direction(u, u, dir, dir, k, q, s);
    }
}
