package org.sensorrecovery.worker;

import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.solver.Estimate;
import org.sensorrecovery.solver.FactorSolver;
import org.sensorrecovery.solver.RefineResult;
import org.sensorrecovery.wire.EstimateCodec;

/** A symmetric array's {@link FactorSolver} behind the worker's seam. */
final class SymmetricArraySolver implements ArraySolver {

    private final FactorSolver solver;

    SymmetricArraySolver(FactorSolver solver) {
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
        Estimate e = solver.estimate();
        return new Published(e, null, EstimateCodec.encode(e, context));
    }
}
