package org.sensorrecovery.solver;

import java.util.Arrays;
import java.util.List;

/**
 * The recovered rectangular matrix X_hat = sum_j singularValues[j] u_j v_j^T.
 *
 * @param rows n1
 * @param cols n2
 * @param rank numerical rank (signal singular values separated from the initialization scale)
 * @param singularValues the rank largest singular values, descending
 * @param left rank rows of n1 numbers, unit norm (the left singular vectors u_j)
 * @param right rank rows of n2 numbers, unit norm (the right singular vectors v_j)
 * @param residual the fit's figures from here on are those of {@link Estimate}: relative RMS
 *                 residual, window, iterations, factor width, resets, loss, outliers, suspect
 *                 devices and validation residual
 */
public record SvdEstimate(int rows, int cols, int rank, double[] singularValues, double[][] left, double[][] right,
                          double residual, int window, long iterations, int factorWidth, long resets,
                          Loss loss, int outliers, List<Estimate.SuspectDevice> suspectDevices, double validationResidual) {

    public SvdEstimate {
        suspectDevices = List.copyOf(suspectDevices);
    }

    /** X_hat = U V^T = sum_j sigma_j u_j v_j^T read from a two-factor solver; never formed. */
    static SvdEstimate of(FactoredSolver<SvdEstimate> s, FactorSvd svd, int rank, double residual) {
        int m = s.sensing.size();
        return new SvdEstimate(s.state.rows, s.state.cols, rank, Arrays.copyOf(svd.values(), rank),
                Arrays.copyOf(svd.left(), rank), Arrays.copyOf(svd.right(), rank), residual, m, s.state.iterations,
                s.state.k, s.state.resets, s.options.loss(), s.fit.outliers(m), s.fit.suspects(s.sensing),
                s.fit.heldOutResidual(s.sensing));
    }

    /** X_hat as a dense rows x cols row-major array (for tests and small arrays). */
    public double[] matrix() {
        return product(rank, singularValues, left, right, rows, cols);
    }

    /** sum_{j &lt; rank} s_j l_j r_j^T, rows x cols row-major. */
    static double[] product(int rank, double[] s, double[][] left, double[][] right, int rows, int cols) {
        double[] x = new double[rows * cols];
        for (int j = 0; j < rank; j++) {
            for (int i = 0; i < rows; i++) {
                double si = s[j] * left[j][i];
                for (int c = 0; c < cols; c++) {
                    x[i * cols + c] += si * right[j][c];
                }
            }
        }
        return x;
    }
}
