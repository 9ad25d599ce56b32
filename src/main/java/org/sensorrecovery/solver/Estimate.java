package org.sensorrecovery.solver;

/**
 * The recovered matrix X_hat = sum_j eigenvalues[j] v_j v_j^T, read from the k x k problem U^T U.
 *
 * @param dimension d
 * @param rank numerical rank (signal eigenvalues separated from the initialization scale)
 * @param eigenvalues the rank largest eigenvalues, descending
 * @param eigenvectors rank rows of d numbers, unit norm
 * @param residual relative RMS residual on the window, sqrt(sum r_i^2 / sum y_i^2)
 * @param window measurements the estimate was fitted on
 * @param iterations accepted steps in total
 * @param factorWidth current k
 * @param resets divergences detected and reset
 */
public record Estimate(int dimension, int rank, double[] eigenvalues, double[][] eigenvectors,
                       double residual, int window, long iterations, int factorWidth, long resets) {

    /** X_hat as a dense d x d row-major array. */
    public double[] matrix() {
        int d = dimension;
        double[] x = new double[d * d];
        for (int r = 0; r < rank; r++) {
            double lam = eigenvalues[r];
            double[] v = eigenvectors[r];
            for (int i = 0; i < d; i++) {
                double li = lam * v[i];
                for (int j = 0; j < d; j++) {
                    x[i * d + j] += li * v[j];
                }
            }
        }
        return x;
    }
}
