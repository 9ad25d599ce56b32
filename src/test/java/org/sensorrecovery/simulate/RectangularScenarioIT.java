package org.sensorrecovery.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.broker.EmbeddedBroker;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.mqtt.MqttSettings;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.mqtt.PahoTransport;
import org.sensorrecovery.runtime.Gateway;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.testing.Cli;
import org.sensorrecovery.testing.Problems;
import org.sensorrecovery.wire.EstimateCodec;
import org.sensorrecovery.wire.WireLimits;

/**
 * simulators/rectangular.yaml published by `simulate` (noiseless) into a running gateway with a
 * bilinear array: the retained estimate's singular triplets reconstruct the retained truth.
 */
class RectangularScenarioIT {

    private static final Path SCENARIO = Path.of("simulators/rectangular.yaml");

    @TempDir
    Path dir;

    @Test
    void aSimulatedBilinearArrayIsRecoveredToSolverPrecisionFromItsRetainedEstimate() throws Exception {
        Scenario s = ScenarioReader.load(SCENARIO);
        ArrayConfig links = ArrayConfig.rectangular(s.array(), Kind.BILINEAR, s.rows(), s.cols(), 0, 4096, Method.PRECOND,
                1e-3, 1e-12, 50);
        GatewayConfig config = new GatewayConfig("rect-sim-it", null, EmbeddedBroker.freePort(), dir.resolve("data"),
                "sensors", Duration.ofMillis(200), WireLimits.DEFAULT, 48, 0, List.of(links));
        AtomicReference<byte[]> truth = new AtomicReference<>();
        AtomicReference<byte[]> estimate = new AtomicReference<>();
        String topics = "sensors/" + s.array();
        try (Gateway gateway = Gateway.start(config);
             MqttTransport watcher = new PahoTransport(MqttSettings.plain(gateway.brokerUrl(), "rect-it-watcher")
                     .withCleanSession(true))) {
            watcher.subscribe(topics + "/truth", 1, (t, p) -> truth.set(p));
            watcher.subscribe(topics + "/estimate", 1, (t, p) -> estimate.set(p));
            assertTrue(watcher.connect(10_000));

            Cli.Result r = Cli.run("simulate", SCENARIO.toString(), "--broker", gateway.brokerUrl(), "--rate", "max",
                    "--noiseless");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("simulated rectangular: " + s.count() + " measurements"), r.out());

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (truth.get() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertNotNull(truth.get(), "the retained ground truth");
            EstimateCodec.SvdMessage t = EstimateCodec.decodeSvd(truth.get());
            assertArrayEquals(new double[] {3.0, 2.0, 1.0}, t.singularValues(), 0.0);
            double[] xStar = t.matrix();

            EstimateCodec.SvdMessage e = null;
            double error = Double.NaN;
            while (System.nanoTime() < deadline) {
                byte[] p = estimate.get();
                e = p == null ? null : EstimateCodec.decodeSvd(p);
                error = e == null ? Double.NaN : Problems.relativeError(e.matrix(), xStar);
                if (e != null && e.measurements() == s.count() && error < 1e-6) {
                    break;
                }
                Thread.sleep(50);
            }
            assertNotNull(e, "an estimate on " + topics + "/estimate");
            assertEquals(s.count(), e.measurements(), "every simulated measurement accepted once");
            assertEquals(s.rows(), e.rows());
            assertEquals(s.cols(), e.cols());
            assertEquals(3, e.rank());
            // Exact y: what is left is the worker's tolerance (1e-12 relative residual), not noise.
            assertTrue(error < 1e-6, "relative error from the published singular triplets " + error);
        }
    }
}
