package org.sensorrecovery.replay;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

import org.sensorrecovery.capture.Capture;
import org.sensorrecovery.plot.ConvergencePlot;
import org.sensorrecovery.solver.Estimate;
import org.sensorrecovery.solver.FactoredSolver;
import org.sensorrecovery.solver.Loss;
import org.sensorrecovery.solver.SolverOptions;
import org.sensorrecovery.wire.EstimateCodec;
import org.sensorrecovery.worker.ArraySolver;

/**
 * {@code replay --offline}, for either factorization: feeds the capture in twenty chunks, refining
 * after each, prints one progress line per chunk and a final line (with the error against the
 * truth when there is one) to stderr, optionally the plot, and the estimate message last on stdout.
 */
public final class OfflineReplay {

    /** What replay prints of one estimate; error is NaN without a truth. */
    public record Readout(int rank, double residual, double error, double[] spectrum, Loss loss, int outliers,
                          List<Estimate.SuspectDevice> suspects) {
    }

    /** The array's side: its solver for a window, how its estimates read, and its labels. */
    public interface Target {

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

    /** Where the replay reports its progress (a terminal bar, a log). */
    public interface Progress {
        /** Measurements fed so far. */
        void update(long count);

        /** A line of its own. */
        void println(String line);
    }

    /**
     * @param dir the capture
     * @param window the most measurements kept
     * @param maxIterations iterations after the last chunk
     * @param plot where to write the SVG plot, or null
     * @param array the array id in the estimate
     */
    public record Settings(Path dir, int window, int maxIterations, Path plot, SolverOptions options, String array) {
    }

    private final Settings settings;

    public OfflineReplay(Settings settings) {
        this.settings = settings;
    }

    /**
     * Replays the capture into the target's solver.
     *
     * @param progress the progress of a replay of the given total
     * @return false when the capture holds no measurements (said on err)
     */
    public boolean run(Target target, LongFunction<Progress> progress, PrintWriter out, PrintWriter err)
            throws IOException {
        Path dir = settings.dir();
        long total = Capture.forEach(dir, r -> { });
        if (total == 0) {
            err.println("error: " + dir + " holds no measurements");
            return false;
        }
        ArraySolver arraySolver = target.solver((int) Math.min(total, settings.window()), settings.options());
        FactoredSolver<?> solver = arraySolver.solver();
        long chunk = Math.max(1, total / 20);
        long[] fed = {0};
        long t0 = System.nanoTime();
        Progress bar = progress.apply(total);
        List<ConvergencePlot.Point> curve = new ArrayList<>();
        Capture.forEach(dir, r -> {
            solver.add(r.measurement(), r.device());
            if (++fed[0] % chunk == 0) {
                solver.refine(50);
                Readout e = target.read(arraySolver.publish(context(fed[0])));
                curve.add(new ConvergencePlot.Point(fed[0], e.residual(), e.error()));
                bar.println(String.format("%9d measurements  relative residual %.3e  rank %d%s", fed[0],
                        e.residual(), e.rank(), errorText(e)));
            } else if ((fed[0] & 1023) == 0) {
                bar.update(fed[0]);
            }
        });
        solver.refine(settings.maxIterations());
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
        if (settings.plot() != null) {
            curve.add(new ConvergencePlot.Point(total, e.residual(), e.error()));
            Files.writeString(settings.plot(), ConvergencePlot.svg("replay " + dir + ": " + total + " measurements, "
                    + target.shape(), curve, e.spectrum(), target.truthSpectrum(), target.spectrumName()));
            err.printf("plot: %s%n", settings.plot());
        }
        out.println(new String(last.message(), StandardCharsets.UTF_8));
        out.flush();
        return true;
    }

    /** After n measurements of the capture, journal indexes 0 to n - 1. */
    private EstimateCodec.Context context(long n) {
        return new EstimateCodec.Context(settings.array(), n, n - 1, Instant.now());
    }

    /** "  relative error 1.234e-03" against the truth, or nothing without one. */
    private static String errorText(Readout e) {
        return Double.isNaN(e.error()) ? "" : String.format("  relative error %.3e", e.error());
    }
}
