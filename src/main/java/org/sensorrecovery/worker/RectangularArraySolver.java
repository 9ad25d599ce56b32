package org.sensorrecovery.worker;

import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.solver.RefineResult;
import org.sensorrecovery.solver.SvdEstimate;
import org.sensorrecovery.solver.TwoFactorSolver;
import org.sensorrecovery.wire.EstimateCodec;

/** A rectangular array's {@link TwoFactorSolver} behind the worker's seam. */
final class RectangularArraySolver implements ArraySolver {

    private final TwoFactorSolver solver;

    RectangularArraySolver(TwoFactorSolver solver) {
        this.solver = solver;
    }

    @Override
    public void add(Measurement m, String device) {
        solver.add(m, device);
    }

    @Override
    public int windowSize() {
        return solver.sensing().size();
    }

    @Override
    public RefineResult refine(int maxIterations, long maxNanos) {
        return solver.refine(maxIterations, maxNanos);
    }

    @Override
    public long iterations() {
        return solver.iterations();
    }

    @Override
    public byte[] checkpoint() {
        return solver.checkpoint();
    }

    @Override
    public void restore(byte[] bytes) {
        solver.restore(bytes);
    }

    @Override
    public Published publish(EstimateCodec.Context context) {
        SvdEstimate e = solver.estimate();
        return new Published(null, e, EstimateCodec.encode(e, context));
    }
}
