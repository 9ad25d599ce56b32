package org.sensorrecovery.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.broker.EmbeddedBroker;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.mqtt.MqttSettings;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.mqtt.PahoTransport;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.simulate.SimulatedRectangularArray;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.EstimateCodec;
import org.sensorrecovery.wire.MeasurementEncoder;
import org.sensorrecovery.wire.WireLimits;

/**
 * A rectangular (bilinear) array end to end on the embedded broker: devices publish a and b, the
 * runtime journals, solves X = U V^T and publishes the SVD estimate retained; a restart resumes
 * from the two-factor checkpoint.
 */
class RectangularGatewayIT {

    private static final int ROWS = 24;
    private static final int COLS = 16;
    /** m = 6 (rows + cols) r for rank 2. */
    private static final int TOTAL = 6 * (ROWS + COLS) * 2;

    @TempDir
    Path dir;

    private GatewayConfig config(int port) {
        ArrayConfig links = ArrayConfig.rectangular("links", Kind.BILINEAR, ROWS, COLS, 0, 4096, Method.PRECOND, 1e-3,
                1e-12, 50);
        return new GatewayConfig("rect-it", null, port, dir.resolve("data"), "sensors", Duration.ofMillis(200),
                new WireLimits(64 * 1024, 1000), 48, 0, List.of(links));
    }

    private static MqttTransport client(String url, String id) {
        MqttTransport t = new PahoTransport(MqttSettings.plain(url, id + "-" + System.nanoTime()).withCleanSession(true));
        assertTrue(t.connect(10_000), "connect " + id);
        return t;
    }

    /** Subscribes (the retained estimate comes first) and waits for one the predicate accepts. */
    private static EstimateCodec.SvdMessage awaitEstimate(String url, Predicate<EstimateCodec.SvdMessage> done)
            throws InterruptedException {
        BlockingQueue<EstimateCodec.SvdMessage> got = new LinkedBlockingQueue<>();
        EstimateCodec.SvdMessage last = null;
        try (MqttTransport late = client(url, "late")) {
            late.subscribe("sensors/links/estimate", 1, (t, p) -> got.add(EstimateCodec.decodeSvd(p)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                EstimateCodec.SvdMessage m = got.poll(500, TimeUnit.MILLISECONDS);
                if (m != null) {
                    last = m;
                    if (done.test(m)) {
                        return m;
                    }
                }
            }
        }
        return last;
    }

    /** The worker's first published estimate (it stays the latest for the publish interval, 200 ms). */
    private static EstimateCodec.SvdMessage firstPublished(Gateway g) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (g.array("links").worker().latestMessage() == null) {
            assertTrue(System.nanoTime() < deadline, "no estimate from the restored worker");
            Thread.sleep(1);
        }
        return EstimateCodec.decodeSvd(g.array("links").worker().latestMessage());
    }

    private static void publish(MqttTransport device, List<DecodedMeasurement> ms) {
        for (int i = 0; i < ms.size(); i += 40) {
            device.publish("sensors/links/m", MeasurementEncoder.encodeBatch(ms.subList(i, Math.min(ms.size(), i + 40))),
                    1, false);
        }
    }

    @Test
    void recoversABilinearArrayFromItsPublishedSingularTripletsAcrossARestart() throws Exception {
        SimulatedRectangularArray sim = new SimulatedRectangularArray(Kind.BILINEAR, ROWS, COLS, new double[] {2, 1}, 0, 31);
        List<DecodedMeasurement> ms = new ArrayList<>();
        for (int i = 0; i < TOTAL; i++) {
            ms.add(new DecodedMeasurement("probe-" + (i % 3), i / 3, sim.next()));
        }
        int half = TOTAL / 2;
        GatewayConfig c = config(EmbeddedBroker.freePort());
        String url = "tcp://127.0.0.1:" + c.embeddedPort();
        Gateway before = Gateway.start(c);
        try (Gateway g = before; MqttTransport device = client(url, "device")) {
            publish(device, ms.subList(0, half));
            EstimateCodec.SvdMessage first = awaitEstimate(url, m -> m.measurements() == half && m.iterations() > 0);
            assertNotNull(first, () -> "no estimate on the topic in 60 s; the worker's latest: "
                    + (g.array("links").worker().latestMessage() == null ? "none"
                    : new String(g.array("links").worker().latestMessage(), java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals(ROWS, first.rows());
            assertEquals(COLS, first.cols());
        }
        // The estimate published as the worker stopped, from the state it checkpointed.
        long iterationsBefore = EstimateCodec.decodeSvd(before.array("links").worker().latestMessage()).iterations();
        try (Gateway g = Gateway.start(c); MqttTransport device = client(url, "device")) {
            // The first estimate of the restored worker, before any new data: it goes on from the
            // checkpoint's count (at most one refinement more), where a new start would count from 0.
            EstimateCodec.SvdMessage restored = firstPublished(g);
            assertEquals(half, restored.measurements(), "the restored window");
            assertTrue(restored.iterations() >= iterationsBefore && restored.iterations() <= iterationsBefore + 50,
                    "iterations resume from the checkpoint: " + iterationsBefore + " then " + restored.iterations());
            // The embedded broker came back with the runtime: devices send the rest now.
            publish(device, ms.subList(half, TOTAL));
            EstimateCodec.SvdMessage m = awaitEstimate(url,
                    e -> e.measurements() == TOTAL && sim.relativeError(e.matrix()) < 1e-6);
            assertNotNull(m, "no estimate");
            assertEquals(TOTAL, m.measurements(), "neither lost nor double-counted across the restart");
            double error = sim.relativeError(m.matrix());
            assertTrue(error < 1e-6, "relative error from the published triplets " + error);
            assertEquals(2, m.rank());
            assertEquals(2.0, m.singularValues()[0], 1e-6);
            assertNotNull(g.array("links").worker().latestSvd());
        }
    }
}
