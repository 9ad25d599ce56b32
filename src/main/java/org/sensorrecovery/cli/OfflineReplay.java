package org.sensorrecovery.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.sensorrecovery.capture.Capture;
import org.sensorrecovery.plot.ConvergencePlot;
import org.sensorrecovery.solver.Estimate;
import org.sensorrecovery.solver.Loss;
import org.sensorrecovery.solver.SolverOptions;
import org.sensorrecovery.solver.WindowSolver;
import org.sensorrecovery.wire.EstimateCodec;
import org.sensorrecovery.worker.ArraySolver;

/**
 * {@code replay --offline}, for either solver: feeds the capture in twenty chunks, refining after
 * each, prints one progress line per chunk and a final line (with the error against the truth when
 * there is one) to stderr, optionally the plot, and the estimate message last on stdout.
 */
final class OfflineReplay {

    /** What replay prints of one estimate; error is NaN without a truth. */
    record Readout(int rank, double residual, double error, double[] spectrum, Loss loss, int outliers,
                   List<Estimate.SuspectDevice> suspects) {
    }

    /** The array's side: its solver for a window, how its estimates read, and its labels. */
    interface Target {

        /** The solver for a window of capacity measurements. */
        ArraySolver solver(int capacity, SolverOptions options);

        /** The estimate just published, scored against the truth if any. */
        Readout read(ArraySolver.Published published);

        /** The shape for the plot's title, e.g. "rank-one d=32" or "bilinear 48 x 32". */
        String shape();

        /** The truth's spectrum, descending, or null without a truth. */
        double[] truthSpectrum();

        /** What the spectrum holds: "eigenvalue" or "singular value". */
        String spectrumName();
    }

    private final ReplayCommand c;
    private final String array;

    OfflineReplay(ReplayCommand c, String array) {
        this.c = c;
        this.array = array;
    }

    int run(Target target, PrintWriter err) throws IOException {
        SolverOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Main.BAD_USAGE;
        }
        long total = Capture.forEach(c.dir, r -> { });
        if (total == 0) {
            err.println("error: " + c.dir + " holds no measurements");
            return Main.RUNTIME_FAILURE;
        }
        ArraySolver arraySolver = target.solver((int) Math.min(total, c.window), options);
        WindowSolver solver = arraySolver.solver();
        long chunk = Math.max(1, total / 20);
        long[] fed = {0};
        long t0 = System.nanoTime();
        Progress progress = Progress.onStderr(err, "replay", total);
        List<ConvergencePlot.Point> curve = new ArrayList<>();
        Capture.forEach(c.dir, r -> {
            solver.add(r.measurement(), r.device());
            if (++fed[0] % chunk == 0) {
                solver.refine(50);
                Readout e = target.read(arraySolver.publish(context(fed[0])));
                curve.add(new ConvergencePlot.Point(fed[0], e.residual(), e.error()));
                progress.println(String.format("%9d measurements  relative residual %.3e  rank %d%s", fed[0],
                        e.residual(), e.rank(), errorText(e)));
            } else if ((fed[0] & 1023) == 0) {
                progress.update(fed[0]);
            }
        });
        solver.refine(c.maxIterations);
        ArraySolver.Published last = arraySolver.publish(context(total));
        Readout e = target.read(last);
        double seconds = (System.nanoTime() - t0) / 1e9;
        err.printf("final: %d measurements in %.2f s, relative residual %.3e, rank %d, %d iterations%s%n", total, seconds,
                e.residual(), e.rank(), solver.iterations(), errorText(e));
        if (e.outliers() >= 0) {
            err.printf("%s loss: %d outliers, suspect devices %s%n", e.loss(), e.outliers(), e.suspects().isEmpty() ? "none"
                    : e.suspects().stream().map(s -> String.format("%s (%.0f%%)", s.device(), 100 * s.outlierFraction()))
                            .collect(Collectors.joining(", ")));
        }
        if (c.plot != null) {
            curve.add(new ConvergencePlot.Point(total, e.residual(), e.error()));
            Files.writeString(c.plot, ConvergencePlot.svg("replay " + c.dir + ": " + total + " measurements, "
                    + target.shape(), curve, e.spectrum(), target.truthSpectrum(), target.spectrumName()));
            err.printf("plot: %s%n", c.plot);
        }
        c.spec.commandLine().getOut().println(new String(last.message(), StandardCharsets.UTF_8));
        c.spec.commandLine().getOut().flush();
        return 0;
    }

    /** --loss and --holdout as solver options; an IllegalArgumentException names the option. */
    private SolverOptions options() {
        Loss loss;
        try {
            loss = Loss.fromKey(c.loss);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--loss: " + e.getMessage(), e);
        }
        try {
            return SolverOptions.defaults().withLoss(loss).withHoldout(c.holdout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
    }

    /** After n measurements of the capture, journal indexes 0 to n - 1. */
    private EstimateCodec.Context context(long n) {
        return new EstimateCodec.Context(array, n, n - 1, Instant.now());
    }

    /** "  relative error 1.234e-03" against the truth, or nothing without one. */
    private static String errorText(Readout e) {
        return Double.isNaN(e.error()) ? "" : String.format("  relative error %.3e", e.error());
    }
}
