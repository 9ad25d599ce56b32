package org.sensorrecovery.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

import org.sensorrecovery.linalg.Kernels;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.sensing.Sensings;
import org.sensorrecovery.simulate.SimulatedArray;
import org.sensorrecovery.solver.Estimate;
import org.sensorrecovery.solver.FactoredSolver;
import org.sensorrecovery.solver.RefineResult;
import org.sensorrecovery.solver.SolverOptions;

/**
 * Time to a target relative error on a noiseless simulated symmetric array (seed 42), after
 * warm-up: first an untimed run counts the iterations the target needs, then timed runs do exactly
 * that many, each from a fresh solver at full width.
 */
public final class SolveTiming {

    /** Iterations the target needed (more than the budget when it was not reached) and the run times, sorted. */
    public record Result(int iterations, double[] millis, double finalError) {
        public boolean reached(int budget) {
            return iterations <= budget;
        }
    }

    private final Kind kind;
    private final int d;
    private final SimulatedArray array;
    private final List<Measurement> measurements = new ArrayList<>();

    /** X* of the given rank with eigenvalues 1 ... 1/condition, geometric. */
    public static double[] geometricPowers(int rank, double condition) {
        double[] powers = new double[rank];
        for (int i = 0; i < rank; i++) {
            powers[i] = rank == 1 ? 1.0 : Math.pow(condition, -(double) i / (rank - 1));
        }
        return powers;
    }

    /** @param powers the eigenvalues of X* */
    public SolveTiming(Kind kind, int d, double[] powers, int m) {
        this.kind = kind;
        this.d = d;
        this.array = new SimulatedArray(kind, d, powers, 0.0, 42);
        for (int i = 0; i < m; i++) {
            measurements.add(array.next());
        }
    }

    /**
     * Counts the iterations to the target error, then times repeats runs of that many after
     * warmup untimed ones; when the target is not reached within budget, only the final error.
     */
    public Result time(SolverOptions options, double target, int budget, int warmup, int repeats,
                       LongSupplier nanoClock) {
        int needed = iterationsToTarget(options, target, budget);
        if (needed > budget) {
            FactoredSolver<Estimate> solver = solver(options);
            solver.refine(budget);
            return new Result(needed, new double[0], array.relativeError(solver.estimate().matrix()));
        }
        double[] millis = new double[repeats];
        for (int rep = -warmup; rep < repeats; rep++) {
            FactoredSolver<Estimate> solver = solver(options);
            long t0 = nanoClock.getAsLong();
            solver.refine(needed);
            long t1 = nanoClock.getAsLong();
            if (rep >= 0) {
                millis[rep] = (t1 - t0) / 1e6;
            }
        }
        Arrays.sort(millis);
        return new Result(needed, millis, Double.NaN);
    }

    private FactoredSolver<Estimate> solver(SolverOptions options) {
        FactoredSolver<Estimate> solver = FactoredSolver.symmetric(
                Sensings.symmetric(kind, d, measurements.size(), d, Kernels.best()), options);
        measurements.forEach(solver::add);
        return solver;
    }

    private int iterationsToTarget(SolverOptions options, double target, int budget) {
        FactoredSolver<Estimate> solver = solver(options);
        while (solver.iterations() < budget) {
            RefineResult r = solver.refine(1);
            if (array.relativeError(solver.estimate().matrix()) <= target) {
                return (int) solver.iterations();
            }
            if (r.status() == RefineResult.Status.STALLED) {
                break;
            }
        }
        return budget + 1;
    }
}
