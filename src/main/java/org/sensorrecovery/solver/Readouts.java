package org.sensorrecovery.solver;

import java.util.Arrays;

import org.sensorrecovery.linalg.SmallDense;
import org.sensorrecovery.linalg.SymmetricEigenvalues;

/** How the factors become an estimate: eigenvalues and eigenvectors when tied, the SVD otherwise. */
final class Readouts {

    private Readouts() {
    }

    /**
     * X_hat = U U^T from the eigen-decomposition U^T U = Q diag(mu) Q^T: the nonzero eigenvalues of
     * U U^T are the mu_j, with eigenvectors U q_j / sqrt(mu_j); the d x d matrix is never formed.
     */
    static Estimate eigen(FactoredSolver<Estimate> solver) {
        double residual = solver.relativeResidual();
        Factors f = solver.state;
        int d = f.rows;
        int k = f.k;
        double[] q = new double[k * k];
        double[] mu = new double[k];
        SmallDense.gram(f.u, d, k, q);
        if (!SymmetricEigenvalues.decompose(q, k, mu, new double[k])) {
            k = 0;
        }
        for (int j = 0; j < k; j++) {
            mu[j] = Math.max(0.0, mu[j]);
        }
        double floor = WidthControl.noiseFloor(residual, mu);
        int rank = k == 0 ? 0 : RankDetector.reportedRank(mu, k, f.initScale(), floor);
        if (rank > 0 && f.shrunk && solver.sensing.growthIsSignal()) {
            rank = Math.max(rank, RankDetector.grownCount(mu, k, f.initScale(), floor));
        }
        double[][] vectors = new double[rank][d];
        for (int j = 0; j < rank; j++) {
            double norm = 0.0;
            for (int i = 0; i < d; i++) {
                double sum = 0.0;
                for (int a = 0; a < k; a++) {
                    sum += f.u[i * k + a] * q[a * k + j];
                }
                vectors[j][i] = sum;
                norm += sum * sum;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < d && norm > 0; i++) {
                vectors[j][i] /= norm;
            }
        }
        int m = solver.sensing.size();
        return new Estimate(d, rank, Arrays.copyOf(mu, rank), vectors, residual, m, f.iterations, f.k, f.resets,
                solver.options.loss(), solver.fit.outliers(m),
                solver.fit.suspects(solver.sensing), solver.heldOutResidual());
    }

    /**
     * X_hat = U V^T from the SVD of its k x k cores. The rank reported is {@link RankDetector#reportedRank},
     * or more when more singular values have clearly grown (a gap inside the signal is not the
     * separation from the spare columns).
     */
    static SvdEstimate svd(FactoredSolver<SvdEstimate> solver) {
        double residual = solver.relativeResidual();
        Factors f = solver.state;
        FactorSvd svd = FactorSvd.of(f.u, f.rows, f.v, f.cols, f.k);
        double[] sigma = svd.values();
        double floor = WidthControl.noiseFloor(residual, sigma);
        int rank = svd.size() == 0 ? 0 : Math.max(RankDetector.reportedRank(sigma, svd.size(), f.initScale(), floor),
                RankDetector.grownCount(sigma, svd.size(), f.initScale(), floor));
        int m = solver.sensing.size();
        return new SvdEstimate(f.rows, f.cols, rank, Arrays.copyOf(sigma, rank), svd.left(rank), svd.right(rank),
                residual, m, f.iterations, f.k, f.resets, solver.options.loss(), solver.fit.outliers(m),
                solver.fit.suspects(solver.sensing), solver.heldOutResidual());
    }
}
