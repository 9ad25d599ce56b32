package org.sensorrecovery.solver;

/**
 * The recovered rectangular matrix X_hat = sum_j singularValues[j] u_j v_j^T, read from the k x k
 * cores of U V^T.
 *
 * @param rows n1
 * @param cols n2
 * @param rank numerical rank (signal singular values separated from the initialization scale)
 * @param singularValues the rank largest singular values, descending
 * @param left rank rows of n1 numbers, unit norm (the left singular vectors u_j)
 * @param right rank rows of n2 numbers, unit norm (the right singular vectors v_j)
 * @param residual relative RMS residual on the window, sqrt(sum r_i^2 / sum y_i^2)
 * @param window measurements the estimate was fitted on
 * @param iterations accepted steps in total
 * @param factorWidth current k
 * @param resets divergences detected and reset
 */
public record SvdEstimate(int rows, int cols, int rank, double[] singularValues, double[][] left, double[][] right,
                          double residual, int window, long iterations, int factorWidth, long resets) {

    /** X_hat as a dense rows x cols row-major array (for tests and small arrays). */
    public double[] matrix() {
        double[] x = new double[rows * cols];
        for (int r = 0; r < rank; r++) {
            double s = singularValues[r];
            double[] u = left[r];
            double[] v = right[r];
            for (int i = 0; i < rows; i++) {
                double si = s * u[i];
                for (int j = 0; j < cols; j++) {
                    x[i * cols + j] += si * v[j];
                }
            }
        }
        return x;
    }
}
