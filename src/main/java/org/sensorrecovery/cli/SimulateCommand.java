package org.sensorrecovery.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import org.sensorrecovery.capture.PortableCapture;
import org.sensorrecovery.config.ConfigException;
import org.sensorrecovery.mqtt.MqttTransportException;
import org.sensorrecovery.simulate.Scenario;
import org.sensorrecovery.simulate.ScenarioCapture;
import org.sensorrecovery.simulate.ScenarioPublisher;
import org.sensorrecovery.simulate.ScenarioReader;
import org.sensorrecovery.simulate.ScenarioStream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Simulated devices: publishes a scenario (simulators/*.yaml) to a broker through the wire
 * contract, or writes it offline as a portable capture (what the runtime would journal, with the
 * ground truth). There is no embedded broker here: start one with
 * {@code run --config device-configs/quickstart.yaml} (or simulators/gateway.yaml).
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Publishes a scenario's simulated devices over MQTT (QoS 1, one client per device), with its"
                + " ground truth retained on {prefix}/{array}/truth; or --capture DIR writes it as a portable capture.",
            "No broker of its own: `run --config device-configs/quickstart.yaml` starts one on 127.0.0.1:1883."})
final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file, e.g. simulators/covariance.yaml.")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--broker", paramLabel = "URL", description = "Broker to publish to (tcp://host:port).")
        String broker;

        @Option(names = "--capture", paramLabel = "DIR", description = "Write a portable capture instead (no broker).")
        Path capture;
    }

    @Option(names = "--rate", paramLabel = "R|max", description = "Measurements per second over all devices, or max"
            + " (as fast as the broker takes; the scenario clock keeps the file's rate). Default: the file's.")
    String rate;

    @Option(names = "--seed", description = "Seed (default: the file's).")
    Long seed;

    @Option(names = "--count", description = "Valid measurements to send (default: the file's count or duration).")
    Long count;

    @Option(names = "--duration", paramLabel = "S", description = "Seconds of measurements at the rate (instead of --count).")
    Double duration;

    @Option(names = "--noiseless", description = "Exact y: leave out the file's noise (snrDb or noise); faults stay."
            + " For checking that a pipeline recovers X* to solver precision.")
    boolean noiseless;

    @Option(names = "--topic-prefix", defaultValue = "sensors", description = "Topic prefix (default ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--connect-timeout", paramLabel = "S", defaultValue = "10",
            description = "Seconds each client may take to connect before the run fails with exit code 1"
                    + " (default ${DEFAULT-VALUE}).")
    double connectTimeout;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Scenario s;
        boolean paced;
        try {
            s = ScenarioReader.load(file);
            paced = !"max".equals(rate);
            s = overridden(s);
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return Main.BAD_USAGE;
        }
        ScenarioStream stream = new ScenarioStream(s);
        return target.capture != null ? capture(stream, target.capture, err) : publish(stream, paced, err);
    }

    private Scenario overridden(Scenario s) {
        if (rate != null && !"max".equals(rate)) {
            try {
                s = s.withRate(Double.parseDouble(rate));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--rate: expected a number of measurements per second or max, got " + rate);
            }
        }
        if (seed != null) {
            s = s.withSeed(seed);
        }
        if (noiseless) {
            s = s.withNoise(Scenario.Noise.NONE);
        }
        if (target.broker != null && !target.broker.startsWith("tcp://") && !target.broker.startsWith("ssl://")) {
            throw new IllegalArgumentException("--broker: expected tcp://host:port or ssl://host:port, got " + target.broker);
        }
        if (count != null && duration != null) {
            throw new IllegalArgumentException("--count, --duration: give one, not both");
        }
        if (duration != null) {
            if (!(duration > 0)) {
                throw new IllegalArgumentException("--duration: must be positive, got " + duration);
            }
            s = s.withCount(Math.max(1, Math.round(duration * s.rate())));
        } else if (count != null) {
            s = s.withCount(count);
        }
        return s;
    }

    private int publish(ScenarioStream stream, boolean paced, PrintWriter err) throws InterruptedException {
        Scenario s = stream.scenario();
        Progress progress = Progress.onStderr(err, "simulate " + s.name(), s.count());
        ScenarioPublisher publisher = new ScenarioPublisher(stream, target.broker, prefix, paced,
                Math.round(connectTimeout * 1000), progress, System::nanoTime, Clock.systemUTC());
        err.printf("simulate %s: %d devices, %s measurements of %s (%s), %s, to %s; truth on %s%n", s.name(),
                s.devices(), s.count(), s.array(), s.rectangular() ? s.rows() + " x " + s.cols() : "d=" + s.d(), paced ? s.rate() + "/s" : "as fast as the broker takes",
                publisher.topic(), publisher.truthTopic());
        err.flush();
        ScenarioPublisher.Summary r;
        try {
            r = publisher.run();
        } catch (MqttTransportException e) {
            err.println("error: broker " + target.broker + ": " + e.getMessage());
            err.flush();
            return Main.RUNTIME_FAILURE;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("simulated %s: %d measurements in %d messages (%d malformed, %d redelivered, %d outliers) in %.2f s%n",
                s.name(), r.measurements(), r.messages(), r.malformed(), r.duplicates(), r.outliers(), r.seconds());
        out.flush();
        return 0;
    }

    /** --capture: the scenario as a portable capture, through {@link ScenarioCapture}. */
    private int capture(ScenarioStream stream, Path dir, PrintWriter err) throws IOException {
        Scenario s = stream.scenario();
        if (Files.exists(dir.resolve(PortableCapture.CSV)) || Files.isDirectory(dir.resolve("journal"))) {
            err.println("error: " + dir + " already holds a capture");
            return Main.BAD_USAGE;
        }
        Progress progress = Progress.onStderr(err, "capture " + s.name(), s.count());
        progress.done(ScenarioCapture.write(stream, dir, progress::update));
        spec.commandLine().getOut().printf("wrote %d measurements of %s to %s (%s, %s, %s)%n", s.count(), s.name(), dir,
                PortableCapture.CSV, PortableCapture.TRUTH, "manifest.json");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
