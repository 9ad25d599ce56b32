package org.sensorrecovery.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.broker.EmbeddedBroker;
import org.sensorrecovery.capture.Capture;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.ingest.IngestCounters;
import org.sensorrecovery.mqtt.MqttSettings;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.mqtt.PahoTransport;
import org.sensorrecovery.runtime.Gateway;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.solver.Estimate;
import org.sensorrecovery.solver.Loss;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.testing.Cli;
import org.sensorrecovery.testing.Problems;
import org.sensorrecovery.wire.EstimateCodec;
import org.sensorrecovery.wire.TruthCodec;
import org.sensorrecovery.wire.WireLimits;

/**
 * simulators/faulty.yaml published by `simulate` into a running gateway (embedded broker): outliers,
 * malformed messages, redeliveries, swapped neighbours and a device that drops out and returns.
 */
class FaultyScenarioIT {

    private static final Path SCENARIO = Path.of("simulators/faulty.yaml");
    private static final long COUNT = 2000;

    @TempDir
    Path dir;

    @Test
    void everyValidMeasurementIsJournaledOnceAndEveryMalformedMessageRejectedWithItsReason() throws Exception {
        Scenario s = ScenarioReader.load(SCENARIO).withCount(COUNT);
        Map<String, Double> expected = new HashMap<>();
        List<String> reasons = new ArrayList<>();
        long redelivered = 0;
        for (ScenarioStream st = new ScenarioStream(s); st.hasNext(); ) {
            Outgoing o = st.next();
            switch (o.type()) {
                case MEASUREMENTS -> o.measurements().forEach(m -> expected.put(key(m.device(), m.seq()), m.measurement().y()));
                case MALFORMED -> reasons.add(o.reason());
                case DUPLICATE -> redelivered++;
            }
        }
        assertTrue(!reasons.isEmpty() && redelivered > 0, "the scenario has faults to check");

        ArrayConfig array = new ArrayConfig(s.array(), Kind.RANK_ONE, s.d(), 0, 4096, Method.PRECOND, 1e-3, 1e-10, 50)
                .withLoss(Loss.ROBUST);
        GatewayConfig config = new GatewayConfig("it", null, EmbeddedBroker.freePort(), dir.resolve("data"), "sensors",
                Duration.ofMillis(200), WireLimits.DEFAULT, 48, 0, List.of(array));
        BlockingQueue<byte[]> rejected = new LinkedBlockingQueue<>();
        AtomicReference<byte[]> truth = new AtomicReference<>();
        AtomicReference<byte[]> estimate = new AtomicReference<>();
        try (Gateway gateway = Gateway.start(config);
             MqttTransport watcher = new PahoTransport(MqttSettings.plain(gateway.brokerUrl(), "it-watcher")
                     .withCleanSession(true))) {
            watcher.subscribe("sensors/faulty/rejected", 1, (t, p) -> rejected.add(p));
            watcher.subscribe("sensors/faulty/truth", 1, (t, p) -> truth.set(p));
            watcher.subscribe("sensors/faulty/estimate", 1, (t, p) -> estimate.set(p));
            assertTrue(watcher.connect(10_000));
            Thread.sleep(500);

            Cli.Result r = Cli.run("simulate", SCENARIO.toString(), "--broker", gateway.brokerUrl(), "--rate", "max",
                    "--count", Long.toString(COUNT));
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains("sim-faulty-dev-02: back online"), r.err());

            IngestCounters counters = gateway.array(s.array()).ingest().counters();
            await(counters::accepted, COUNT);
            await(counters::rejected, reasons.size());
            await(rejected::size, reasons.size());
            await(counters::duplicates, redelivered);
            Thread.sleep(300);
            assertEquals(COUNT, counters.accepted());
            assertEquals(reasons.size(), counters.rejected());
            assertEquals(reasons.size(), rejected.size(), "one rejection per malformed message");

            assertNotNull(truth.get(), "the retained ground truth");
            assertArrayEquals(new GroundTruth(s).matrixAt(0), TruthCodec.matrix(truth.get()), 1e-12);

            // The robust loss keeps the broken device (a quarter of the window) and the scattered
            // gross errors out of the fit, and names the device.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            EstimateCodec.Message e = null;
            while (System.nanoTime() < deadline) {
                byte[] p = estimate.get();
                e = p == null ? null : EstimateCodec.decode(p);
                if (e != null && e.measurements() == COUNT && !e.suspectDevices().isEmpty()
                        && Problems.relativeError(e.matrix(), TruthCodec.matrix(truth.get())) < 0.05) {
                    break;
                }
                Thread.sleep(50);
            }
            assertNotNull(e, "an estimate");
            assertEquals("robust", e.loss());
            assertEquals(List.of("dev-03"), e.suspectDevices().stream().map(Estimate.SuspectDevice::device).toList(),
                    "suspects " + e.suspectDevices());
            double error = Problems.relativeError(e.matrix(), TruthCodec.matrix(truth.get()));
            assertTrue(error < 0.05, "relative error " + error + " with a broken device and 5% outliers");
            assertTrue(e.outliers() >= COUNT / 4, "outliers " + e.outliers());
            assertTrue(Double.isFinite(e.validationResidual()), "validation residual published");
        }

        Map<String, Integer> journaled = new HashMap<>();
        List<String> wrongY = new ArrayList<>();
        Capture.forEach(dir.resolve("data").resolve(s.array()), rec -> {
            String k = key(rec.device(), rec.seq());
            journaled.merge(k, 1, Integer::sum);
            Double y = expected.get(k);
            if (y == null || y != rec.measurement().y()) {
                wrongY.add(k);
            }
        });
        assertEquals(expected.keySet(), journaled.keySet(), "every valid (device, seq) and nothing else");
        assertTrue(journaled.values().stream().allMatch(n -> n == 1), "each exactly once");
        assertTrue(wrongY.isEmpty(), "journaled as sent (outliers included): " + wrongY);

        List<String> unmatched = new ArrayList<>(reasons);
        for (byte[] p : rejected) {
            String reason = reason(p);
            assertFalse(reason.isBlank(), "a reason");
            int match = indexOfContained(unmatched, reason);
            assertTrue(match >= 0, "unexpected rejection: " + reason);
            unmatched.remove(match);
        }
        assertTrue(unmatched.isEmpty(), "malformed messages without their rejection: " + unmatched);
    }

    /** The first of the expected reasons that the given one contains, or -1. */
    private static int indexOfContained(List<String> expected, String reason) {
        for (int i = 0; i < expected.size(); i++) {
            if (reason.contains(expected.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String key(String device, long seq) {
        return device + "/" + seq;
    }

    private static String reason(byte[] rejection) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(rejection)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && "reason".equals(p.currentName())) {
                    p.nextToken();
                    return p.getText();
                }
            }
        }
        return "";
    }

    private static void await(LongSupplier counter, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (counter.getAsLong() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
