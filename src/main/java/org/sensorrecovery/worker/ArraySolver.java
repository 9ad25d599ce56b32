package org.sensorrecovery.worker;

import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.sensing.Sensings;
import org.sensorrecovery.solver.Estimate;
import org.sensorrecovery.solver.FactorSolver;
import org.sensorrecovery.solver.RefineResult;
import org.sensorrecovery.solver.SvdEstimate;
import org.sensorrecovery.solver.TwoFactorSolver;
import org.sensorrecovery.wire.EstimateCodec;

/**
 * The solver of one array as its worker drives it: the symmetric {@link FactorSolver} (X = U U^T)
 * or the rectangular {@link TwoFactorSolver} (X = U V^T). The seam that lets one worker run either;
 * one owner thread, like the solvers.
 */
public interface ArraySolver {

    /**
     * Adds a measurement to the window.
     *
     * @param device the sender, for solvers that track devices (ignored otherwise)
     * @throws org.sensorrecovery.sensing.InvalidMeasurementException naming the field; nothing changes
     */
    void add(Measurement m, String device);

    /** Measurements in the window. */
    int windowSize();

    RefineResult refine(int maxIterations, long maxNanos);

    /** Accepted steps so far. */
    long iterations();

    byte[] checkpoint();

    /** @throws IllegalArgumentException when the bytes are not a checkpoint of a matching solver */
    void restore(byte[] bytes);

    /** Computes the current estimate and the message of the wire contract that carries it. */
    Published publish(EstimateCodec.Context context);

    /**
     * An estimate and its message.
     *
     * @param estimate the eigen-decomposition of a symmetric array's estimate, or null
     * @param svdEstimate the SVD of a rectangular array's estimate, or null
     * @param message the estimate message (EstimateCodec JSON)
     */
    record Published(Estimate estimate, SvdEstimate svdEstimate, byte[] message) {
    }

    /** The solver for an array's config: two factors for a rectangular array, one otherwise. */
    static ArraySolver forArray(ArrayConfig a) {
        if (a.rectangular()) {
            return of(new TwoFactorSolver(Sensings.twoFactor(a.kind(), a.rows(), a.cols(), a.window(), a.width(),
                    Kernels.best()), a.solverOptions()));
        }
        return of(new FactorSolver(Sensings.symmetric(a.kind(), a.d(), a.window(), a.width(), Kernels.best()),
                a.solverOptions()));
    }

    static ArraySolver of(FactorSolver solver) {
        return new SymmetricArraySolver(solver);
    }

    static ArraySolver of(TwoFactorSolver solver) {
        return new RectangularArraySolver(solver);
    }
}
