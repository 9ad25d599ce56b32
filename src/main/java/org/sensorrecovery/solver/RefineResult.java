package org.sensorrecovery.solver;

/**
 * What one call to {@link FactoredSolver#refine} did.
 *
 * @param status why it stopped
 * @param iterations accepted steps in this call
 * @param residual relative RMS residual at the end
 */
public record RefineResult(Status status, int iterations, double residual) {

    public enum Status {
        /** The residual reached the tolerance. */
        CONVERGED,
        /** The iteration or time budget ran out. */
        BUDGET,
        /** The loss stopped decreasing: the noise floor, or machine precision. */
        STALLED,
        /** The held-out residual stopped improving: back at its best iterate until new data (early stopping). */
        VALIDATED,
        /** The window holds no measurements. */
        EMPTY,
        /** A non-finite or exploding loss was detected; the factor was reset to a new small start. */
        RESET
    }
}
