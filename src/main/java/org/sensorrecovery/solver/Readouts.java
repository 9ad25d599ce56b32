package org.sensorrecovery.solver;

import java.util.Arrays;

/**
 * How the factors become an estimate: the SVD of U V^T from its k x k cores ({@link FactorSvd});
 * tied, U U^T is PSD and its SVD is the eigen-decomposition. The rank reported is
 * {@link RankDetector#reportedRank}, or more where growth is signal and more values have clearly
 * grown (a gap inside the signal is not the separation from the spare columns): for two factors
 * always, for a tied factor once it has been truncated.
 */
final class Readouts {

    private final Factors f;
    private final double residual;
    private final int m;
    private final FactorSvd svd;
    private final int rank;

    private Readouts(FactoredSolver<?> solver) {
        this.residual = solver.relativeResidual();
        this.f = solver.state;
        this.m = solver.sensing.size();
        this.svd = FactorSvd.of(f.u, f.rows, f.v, f.cols, f.k);
        double[] sigma = svd.values();
        int n = svd.size();
        double floor = WidthControl.noiseFloor(residual, sigma);
        int r = n == 0 ? 0 : RankDetector.reportedRank(sigma, n, f.initScale(), floor);
        if (r > 0 && solver.sensing.growthIsSignal() && (f.shrunk || !f.tied)) {
            r = Math.max(r, RankDetector.grownCount(sigma, n, f.initScale(), floor));
        }
        this.rank = r;
    }

    /** X_hat = U U^T = sum_j mu_j v_j v_j^T; the d x d matrix is never formed. */
    static Estimate eigen(FactoredSolver<Estimate> solver) {
        Readouts r = new Readouts(solver);
        return new Estimate(r.f.rows, r.rank, Arrays.copyOf(r.svd.values(), r.rank), r.svd.left(r.rank), r.residual, r.m,
                r.f.iterations, r.f.k, r.f.resets, solver.options.loss(), solver.fit.outliers(r.m),
                solver.fit.suspects(solver.sensing), solver.fit.heldOutResidual(solver.sensing));
    }

    /** X_hat = U V^T = sum_j sigma_j u_j v_j^T; the rows x cols matrix is never formed. */
    static SvdEstimate svd(FactoredSolver<SvdEstimate> solver) {
        Readouts r = new Readouts(solver);
        return new SvdEstimate(r.f.rows, r.f.cols, r.rank, Arrays.copyOf(r.svd.values(), r.rank), r.svd.left(r.rank),
                r.svd.right(r.rank), r.residual, r.m, r.f.iterations, r.f.k, r.f.resets, solver.options.loss(),
                solver.fit.outliers(r.m), solver.fit.suspects(solver.sensing), solver.fit.heldOutResidual(solver.sensing));
    }
}
