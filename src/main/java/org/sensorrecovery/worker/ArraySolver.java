package org.sensorrecovery.worker;

import java.util.function.Function;

import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.solver.Estimate;
import org.sensorrecovery.solver.FactoredSolver;
import org.sensorrecovery.solver.SvdEstimate;
import org.sensorrecovery.wire.EstimateCodec;

/**
 * The solver of one array as its worker drives it, a {@link FactoredSolver} with tied factors
 * (X = U U^T) or two (X = U V^T), and how its estimate becomes the wire contract's message. One owner thread, like the solvers.
 *
 * @param solver the solver
 * @param publisher computes the current estimate and its message
 */
public record ArraySolver(FactoredSolver<?> solver, Function<EstimateCodec.Context, Published> publisher) {

    /**
     * An estimate and its message.
     *
     * @param estimate the eigen-decomposition of a symmetric array's estimate, or null
     * @param svdEstimate the SVD of a rectangular array's estimate, or null
     * @param message the estimate message (EstimateCodec JSON)
     */
    public record Published(Estimate estimate, SvdEstimate svdEstimate, byte[] message) {

        /** The estimate's rank, of either kind. */
        public int rank() {
            return estimate != null ? estimate.rank() : svdEstimate.rank();
        }

        /** The estimate's relative residual, of either kind. */
        public double residual() {
            return estimate != null ? estimate.residual() : svdEstimate.residual();
        }
    }

    /** Computes the current estimate and the message of the wire contract that carries it. */
    public Published publish(EstimateCodec.Context context) {
        return publisher.apply(context);
    }

    /** The solver for an array's config: two factors for a rectangular array, one otherwise. */
    public static ArraySolver forArray(ArrayConfig a) {
        int rows = a.rectangular() ? a.rows() : a.d();
        int cols = a.rectangular() ? a.cols() : a.d();
        return of(FactoredSolver.forArray(a.kind(), rows, cols, a.rectangular(), a.window(), a.solverOptions()));
    }

    /** A solver of either factorization; its estimate becomes the message of its kind. */
    public static ArraySolver of(FactoredSolver<?> solver) {
        return new ArraySolver(solver, c -> {
            Object e = solver.estimate();
            return e instanceof SvdEstimate svd ? new Published(null, svd, EstimateCodec.encode(svd, c))
                    : new Published((Estimate) e, null, EstimateCodec.encode((Estimate) e, c));
        });
    }
}
