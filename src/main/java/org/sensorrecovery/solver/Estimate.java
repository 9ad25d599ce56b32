package org.sensorrecovery.solver;

import java.util.Arrays;
import java.util.List;

/**
 * The recovered matrix X_hat = sum_j eigenvalues[j] v_j v_j^T, read from the k x k problem U^T U.
 *
 * @param dimension d
 * @param rank numerical rank (signal eigenvalues separated from the initialization scale)
 * @param eigenvalues the rank largest eigenvalues, descending
 * @param eigenvectors rank rows of d numbers, unit norm
 * @param residual relative RMS residual on the measurements the loss fits, sqrt(sum w_i r_i^2 / sum w_i y_i^2)
 *                 (w_i = 1 under l2; held-out rows and, under a robust loss, gross errors left out)
 * @param window measurements the estimate was fitted on
 * @param iterations accepted steps in total
 * @param factorWidth current k
 * @param resets divergences detected and reset
 * @param loss the loss fitted
 * @param outliers measurements of the window the loss treats as gross errors; -1 under l2 (not assessed)
 * @param suspectDevices devices whose measurements are mostly gross errors, most suspect first
 * @param validationResidual relative RMS residual on the held-out rows; NaN when nothing is held out
 */
public record Estimate(int dimension, int rank, double[] eigenvalues, double[][] eigenvectors,
                       double residual, int window, long iterations, int factorWidth, long resets,
                       Loss loss, int outliers, List<SuspectDevice> suspectDevices, double validationResidual) {

    /** A device whose measurements are mostly outliers: a faulty sensor, named. */
    public record SuspectDevice(String device, double outlierFraction) {
    }

    public Estimate {
        suspectDevices = List.copyOf(suspectDevices);
    }

    /** X_hat = U U^T = sum_j mu_j v_j v_j^T read from a tied solver; the d x d matrix is never formed. */
    static Estimate of(FactoredSolver<Estimate> s, FactorSvd svd, int rank, double residual) {
        int m = s.sensing.size();
        return new Estimate(s.state.rows, rank, Arrays.copyOf(svd.values(), rank), Arrays.copyOf(svd.left(), rank),
                residual, m, s.state.iterations, s.state.k, s.state.resets, s.options.loss(), s.fit.outliers(m),
                s.fit.suspects(s.sensing), s.fit.heldOutResidual(s.sensing));
    }

    /** X_hat as a dense d x d row-major array. */
    public double[] matrix() {
        return SvdEstimate.product(rank, eigenvalues, eigenvectors, eigenvectors, dimension, dimension);
    }
}
