package org.sensorrecovery.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.sensorrecovery.capture.CaptureManifest;
import org.sensorrecovery.mqtt.MqttSettings;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.mqtt.PahoTransport;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.replay.OfflineReplay;
import org.sensorrecovery.replay.ReplayTargets;
import org.sensorrecovery.replay.Republisher;
import org.sensorrecovery.solver.Loss;
import org.sensorrecovery.solver.SolverOptions;
import org.sensorrecovery.wire.ArrayShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Replays a capture: over MQTT in the original order at the original pace (or a multiple, or as
 * fast as possible), or --offline straight into the solver, printing the residual curve (and the
 * error against the ground truth when the capture has truth.json, or --truth) to stderr and the
 * final estimate JSON as the last line of stdout.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replays a capture over MQTT (--broker, --speed) or --offline into the solver.")
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Capture directory (or a runtime array directory).")
    Path dir;

    @Option(names = "--offline", description = "Feed the solver directly, no MQTT.")
    boolean offline;

    @Option(names = "--broker", paramLabel = "URL", description = "Broker to republish to (tcp://host:port).")
    String broker;

    @Option(names = "--speed", defaultValue = "1", description = "Pace: 1 = original, 10 = ten times faster, max = as fast as possible.")
    String speed;

    @Option(names = "--array", description = "Array id to publish as (default: the manifest's).")
    String array;

    @Option(names = "--topic-prefix", defaultValue = "sensors", description = "Topic prefix (default ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--kind", description = "Kind, when the capture has no manifest.")
    String kind;

    @Option(names = "--d", description = "Dimension, when the capture has no manifest.")
    Integer d;

    @Option(names = "--rows", description = "Rows of a rectangular array, when the capture has no manifest.")
    Integer rows;

    @Option(names = "--cols", description = "Columns of a rectangular array, when the capture has no manifest.")
    Integer cols;

    @Option(names = "--window", defaultValue = "1000000", description = "Offline: most measurements kept (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--loss", defaultValue = "l2", description = "Offline: l2 (default), robust, l1 or huber.")
    String loss;

    @Option(names = "--holdout", defaultValue = "0",
            description = "Offline: share of the window held out for noise-aware stopping (default ${DEFAULT-VALUE}: off).")
    double holdout;

    @Option(names = "--max-iterations", defaultValue = "2000", description = "Offline: iterations after the last chunk (default ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--truth", paramLabel = "FILE", description = "Offline: ground truth to score against"
            + " (truth or estimate JSON; default: the capture's truth.json if any).")
    Path truthFile;

    @Option(names = "--plot", paramLabel = "FILE.svg", description = "Offline: write the residual curve (and the error"
            + " against the truth when known) and the final spectrum as an SVG file.")
    Path plot;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<CaptureManifest> manifest = CaptureManifest.read(dir);
        if (offline && (rows != null || cols != null || manifest.map(CaptureManifest::rectangular).orElse(false)
                || Kind.BILINEAR.key().equals(kind))) {
            OfflineReplay.Target target;
            try {
                ArrayShape shape = rectangularShape(manifest);
                target = ReplayTargets.rectangular(shape, ReplayTargets.rectangularTruth(truthFile, dir, shape));
            } catch (IllegalArgumentException | IOException e) {
                err.println("error: " + e.getMessage());
                return Main.BAD_USAGE;
            }
            return offline(manifest, target, err);
        }
        Kind k;
        int dim;
        try {
            k = kind != null ? Kind.fromKey(kind) : manifest.map(CaptureManifest::kind)
                    .orElseThrow(() -> new IllegalArgumentException("--kind: the capture has no manifest; give --kind and --d"));
            dim = d != null ? d : manifest.map(CaptureManifest::d)
                    .orElseThrow(() -> new IllegalArgumentException("--d: the capture has no manifest; give --kind and --d"));
            if (!offline && broker == null) {
                throw new IllegalArgumentException("give --offline, or --broker URL to republish over MQTT");
            }
            if (plot != null && !offline) {
                throw new IllegalArgumentException("--plot: only with --offline");
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Main.BAD_USAGE;
        }
        if (!offline) {
            return republish(manifest, err);
        }
        double[] truth;
        try {
            truth = ReplayTargets.symmetricTruth(truthFile, dir, dim);
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Main.BAD_USAGE;
        }
        return offline(manifest, ReplayTargets.symmetric(k, dim, truth), err);
    }

    /** {@code --offline}: the options as solver options, then {@link OfflineReplay}. */
    private int offline(Optional<CaptureManifest> manifest, OfflineReplay.Target target, PrintWriter err)
            throws IOException {
        SolverOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Main.BAD_USAGE;
        }
        OfflineReplay replay = new OfflineReplay(new OfflineReplay.Settings(dir, window, maxIterations, plot, options,
                arrayId(manifest)));
        return replay.run(target, total -> Progress.onStderr(err, "replay", total), spec.commandLine().getOut(), err)
                ? 0 : Main.RUNTIME_FAILURE;
    }

    /** --loss and --holdout as solver options; an IllegalArgumentException names the option. */
    private SolverOptions options() {
        Loss l;
        try {
            l = Loss.fromKey(loss);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--loss: " + e.getMessage(), e);
        }
        try {
            return SolverOptions.defaults().withLoss(l).withHoldout(holdout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
    }

    /** Kind, rows and cols of a rectangular capture: given, else the manifest's. */
    private ArrayShape rectangularShape(Optional<CaptureManifest> manifest) {
        Kind k = kind != null ? Kind.fromKey(kind) : manifest.map(CaptureManifest::kind).orElseThrow(
                () -> new IllegalArgumentException("--kind: the capture has no manifest; give --kind, --rows and --cols"));
        int r = rows != null ? rows : manifest.filter(CaptureManifest::rectangular).map(CaptureManifest::rows)
                .orElseThrow(() -> new IllegalArgumentException("--rows: the capture has no rectangular manifest; give --rows"));
        int c = cols != null ? cols : manifest.filter(CaptureManifest::rectangular).map(CaptureManifest::cols)
                .orElseThrow(() -> new IllegalArgumentException("--cols: the capture has no rectangular manifest; give --cols"));
        if (d != null) {
            throw new IllegalArgumentException("--d: give --d (a symmetric array) or --rows and --cols, not both");
        }
        if (!k.rectangular()) {
            throw new IllegalArgumentException("--kind: " + k + " arrays are square: give --d");
        }
        if (r < 1 || c < 1) {
            throw new IllegalArgumentException("--rows, --cols: must be at least 1, got " + r + " x " + c);
        }
        return new ArrayShape(k, r, c);
    }

    /** The array's id in the estimate: --array, else the manifest's, else "replay". */
    private String arrayId(Optional<CaptureManifest> manifest) {
        return array != null ? array : manifest.map(CaptureManifest::array).orElse("replay");
    }

    /** Without {@code --offline}: the capture over MQTT through {@link Republisher}. */
    private int republish(Optional<CaptureManifest> manifest, PrintWriter err) throws IOException {
        double factor;
        try {
            factor = "max".equals(speed) ? Double.POSITIVE_INFINITY : Double.parseDouble(speed);
            if (!(factor > 0)) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            err.println("error: --speed: expected a positive number or max, got " + speed);
            return Main.BAD_USAGE;
        }
        String topic = prefix + "/" + arrayId(manifest) + "/m";
        Progress progress = Progress.onStderr(err, "replay", manifest.map(CaptureManifest::count).orElse(0L));
        try (MqttTransport t = new PahoTransport(MqttSettings.plain(broker, "replay-" + ProcessHandle.current().pid())
                .withCleanSession(true))) {
            if (!t.connect(10_000)) {
                err.println("error: cannot connect to " + broker);
                return Main.RUNTIME_FAILURE;
            }
            Republisher.Summary sent = new Republisher(t).run(dir, topic, factor, progress::update);
            progress.done(sent.measurements());
            err.printf("republished %d measurements to %s in %.2f s%n", sent.measurements(), topic, sent.seconds());
        }
        return 0;
    }
}
