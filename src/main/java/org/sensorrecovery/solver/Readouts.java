package org.sensorrecovery.solver;

import java.util.Arrays;

/** How the factors become an estimate: eigenvalues and eigenvectors when tied, the SVD otherwise. */
final class Readouts {

    private Readouts() {
    }

    /** X_hat = U U^T from the eigen-decomposition of the k x k matrix U^T U. */
    static Estimate eigen(FactoredSolver<Estimate> solver) {
        double residual = solver.relativeResidual();
        Factors f = solver.state;
        Spectrum spectrum = Spectrum.of(f.u, f.rows, f.k);
        double[] mu = spectrum.values();
        double floor = WidthControl.noiseFloor(residual, mu);
        int rank = spectrum.size() == 0 ? 0 : RankDetector.reportedRank(mu, f.k, f.initScale(), floor);
        if (rank > 0 && f.shrunk && solver.sensing.growthIsSignal()) {
            rank = Math.max(rank, RankDetector.grownCount(mu, spectrum.size(), f.initScale(), floor));
        }
        double[][] vectors = spectrum.eigenvectorsOfProduct(f.u, f.rows, f.k, rank);
        int m = solver.sensing.size();
        return new Estimate(f.rows, rank, Arrays.copyOf(mu, rank), vectors, residual, m, f.iterations, f.k, f.resets,
                solver.options.loss(), solver.weights.outliers(solver.resid, m),
                solver.weights.suspects(solver.resid, solver.sensing), solver.heldOutResidual());
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
                residual, m, f.iterations, f.k, f.resets, solver.options.loss(), solver.weights.outliers(solver.resid, m),
                solver.weights.suspects(solver.resid, solver.sensing), solver.heldOutResidual());
    }
}
