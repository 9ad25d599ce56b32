package org.sensorrecovery.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.config.HttpConfig;
import org.sensorrecovery.http.HttpEndpoint;
import org.sensorrecovery.mqtt.MqttSettings;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.mqtt.PahoTransport;
import org.sensorrecovery.runtime.Gateway;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.simulate.DemoDevice;
import org.sensorrecovery.simulate.SimulatedArray;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.wire.EstimateCodec;
import org.sensorrecovery.wire.WireLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Everything on one machine with nothing to install: the embedded broker, a simulated covariance
 * array (d=32, 3 sources, rank-one power measurements) publishing over MQTT, and the runtime.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Embedded broker + simulated array (d=32, r=3, rank-one) + runtime; prints a line per second.")
final class DemoCommand implements Callable<Integer> {

    /** Relative residual of a settled estimate: the simulated stream is noise-free, so it converges far below. */
    private static final double SETTLED_RESIDUAL = 1e-6;

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", defaultValue = "15", description = "Seconds to run (default ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated array (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rate", defaultValue = "2000", description = "Measurements per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--port", defaultValue = "0", description = "Embedded broker port on 127.0.0.1; 0 picks a free one.")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: a fresh temporary one).")
    Path dataDir;

    @Option(names = "--settle", defaultValue = "1.5", paramLabel = "S",
            description = "After the stream, wait up to S seconds for an estimate of every measurement sent with a residual"
                    + " below 1e-6 (default ${DEFAULT-VALUE}; slow or emulated machines need longer).")
    double settle;

    @Mixin
    HttpOptions http = new HttpOptions();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (duration < 1 || rate < 1 || !(settle >= 0)) {
            spec.commandLine().getErr().println("error: --duration and --rate must be positive, --settle not negative");
            return Main.BAD_USAGE;
        }
        HttpConfig httpConfig;
        try {
            httpConfig = http.apply(HttpConfig.DEFAULT);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return Main.BAD_USAGE;
        }
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("sensor-recovery-demo");
        ArrayConfig array = new ArrayConfig("demo", Kind.RANK_ONE, 32, 0, 4096, Method.PRECOND, 1e-3, 1e-10, 50);
        GatewayConfig config = new GatewayConfig("demo", null, port, dir, "sensors", Duration.ofMillis(500),
                WireLimits.DEFAULT, 48, 64L << 20, List.of(array), httpConfig);
        SimulatedArray sim = new SimulatedArray(Kind.RANK_ONE, 32, new double[] {3.0, 2.0, 1.0}, 0.0, seed);
        AtomicReference<EstimateCodec.Message> latest = new AtomicReference<>();
        try (Gateway gateway = Gateway.start(config);
             HttpEndpoint endpoint = startHttp(gateway);
             MqttTransport device = new PahoTransport(MqttSettings.plain(gateway.brokerUrl(), "demo-device").withCleanSession(true));
             MqttTransport viewer = new PahoTransport(MqttSettings.plain(gateway.brokerUrl(), "demo-viewer").withCleanSession(true))) {
            out.printf("demo: embedded broker %s, array 'demo' (rank-one, d=32, 3 sources), data in %s%n",
                    gateway.brokerUrl(), dir);
            out.printf("      devices publish to sensors/demo/m, estimates on sensors/demo/estimate%n");
            if (endpoint != null) {
                out.printf("      dashboard %s  (metrics %smetrics)%n", endpoint.url(), endpoint.url());
            }
            out.flush();
            viewer.connect(10_000);
            viewer.subscribe("sensors/demo/estimate", 1, (t, payload) -> latest.set(EstimateCodec.decode(payload)));
            device.connect(10_000);
            // The ground truth, as a simulator publishes it: the dashboard plots the error against it.
            device.publish("sensors/demo/truth", DemoDevice.truthMessage(sim, "demo", Instant.now()), 1, true);
            long sent = new DemoDevice(sim, device, "sensors/demo/m", System::nanoTime).run(rate, duration,
                    (second, n) -> report(out, second, n, sim, latest.get()));
            settle(sent, latest);
            report(out, duration, sent, sim, latest.get());
            EstimateCodec.Message last = latest.get();
            double error = last == null ? Double.NaN : sim.relativeError(last.matrix());
            out.printf("summary: %d measurements sent, %d in the last estimate, relative error %.2e, rank %d (truth 3)%n",
                    sent, last == null ? 0 : last.measurements(), error, last == null ? 0 : last.rank());
            out.flush();
            return last != null && error < 1e-2 ? 0 : Main.RUNTIME_FAILURE;
        }
    }

    /**
     * Starts the dashboard; when the default port is taken (another demo, another service) and
     * --http was not given, on a free port instead.
     */
    private HttpEndpoint startHttp(Gateway gateway) throws IOException {
        try {
            return HttpEndpoint.startIfEnabled(gateway);
        } catch (BindException e) {
            if (http.explicit()) {
                throw e;
            }
            HttpConfig c = gateway.config().http();
            spec.commandLine().getErr().printf("note: %s:%d is taken; the dashboard uses a free port%n", c.bind(), c.port());
            return HttpEndpoint.start(gateway, c.at(new HttpConfig.Address(c.bind(), 0)), Clock.systemUTC());
        }
    }

    /** Waits until the estimate covers all {@code sent} measurements and has converged, or --settle passes. */
    private void settle(long sent, AtomicReference<EstimateCodec.Message> latest) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (settle * 1e9);
        while (System.nanoTime() < deadline) {
            EstimateCodec.Message m = latest.get();
            if (m != null && m.measurements() >= sent && m.residual() < SETTLED_RESIDUAL) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private static void report(PrintWriter out, int second, long sent, SimulatedArray sim, EstimateCodec.Message m) {
        if (m == null) {
            out.printf("[%3ds] sent %7d  (no estimate yet)%n", second, sent);
        } else {
            out.printf("[%3ds] sent %7d  measurements %7d  relative error %.2e  rank %d  residual %.2e%n", second, sent,
                    m.measurements(), sim.relativeError(m.matrix()), m.rank(), m.residual());
        }
        out.flush();
    }
}
