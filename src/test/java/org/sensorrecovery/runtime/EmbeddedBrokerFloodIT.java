package org.sensorrecovery.runtime;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.broker.EmbeddedBroker;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.ingest.IngestCounters;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.simulate.SimulatedArray;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementEncoder;
import org.sensorrecovery.wire.WireLimits;

/**
 * The zero-setup default under a flood: four devices publish 10000 QoS 1 measurements each to the
 * embedded broker as fast as their in-flight windows allow. Every one must be acknowledged to its
 * device and accepted by the runtime; a broker that drops a PUBLISH never acknowledges it, so the
 * acknowledgement count is also the drop count.
 */
class EmbeddedBrokerFloodIT {

    private static final int DEVICES = 4;
    private static final int PER_DEVICE = 10_000;
    /** Unacknowledged publishes each device keeps going: far above Paho's default of 10. */
    private static final int IN_FLIGHT = 1_000;
    /** Generous: the flood takes 12 to 24 s on a shared 2-core machine; this bounds a hang, it times nothing. */
    private static final long DEADLINE_SECONDS = 180;
    /** No acknowledgement for this long means the rest were dropped: end the flood early. */
    private static final long STALL_SECONDS = 15;
    private static final int D = 32;

    @TempDir
    Path dir;

    @Test
    void fourDevicesFloodingTheEmbeddedBrokerHaveEveryMeasurementAcknowledgedAndAccepted() throws Exception {
        int port = EmbeddedBroker.freePort();
        ArrayConfig cov = new ArrayConfig("cov32", Kind.RANK_ONE, D, 0, 4096, Method.PRECOND, 1e-3, 1e-12, 50);
        GatewayConfig config = new GatewayConfig("flood", null, port, dir.resolve("data"), "sensors",
                Duration.ofSeconds(1), WireLimits.DEFAULT, 48, 0, List.of(cov));
        List<List<byte[]>> payloads = new ArrayList<>();
        for (int dev = 0; dev < DEVICES; dev++) {
            payloads.add(measurements("dev-" + dev, 100 + dev));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        try (Gateway g = Gateway.start(config)) {
            assertTrue(g.connected(), "runtime connected and subscribed");
            long total = 0;
            ExecutorService pool = Executors.newFixedThreadPool(DEVICES);
            try {
                List<Future<Long>> acked = new ArrayList<>();
                for (int dev = 0; dev < DEVICES; dev++) {
                    List<byte[]> ms = payloads.get(dev);
                    String id = "flood-dev-" + dev;
                    acked.add(pool.submit(() -> flood("tcp://127.0.0.1:" + port, id, "sensors/cov32/m", ms, deadline)));
                }
                for (Future<Long> f : acked) {
                    total += f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            IngestCounters c = g.array("cov32").ingest().counters();
            awaitAccepted(c, (long) DEVICES * PER_DEVICE, deadline);
            long acknowledged = total;
            assertAll(
                    () -> assertEquals((long) DEVICES * PER_DEVICE, acknowledged, "publishes acknowledged to the devices"),
                    () -> assertEquals((long) DEVICES * PER_DEVICE, c.accepted(), "measurements accepted by the runtime"),
                    () -> assertEquals(0, c.rejected(), "measurements rejected"),
                    // A PUBACK of the runtime's that Moquette dropped makes it send that message again.
                    () -> assertEquals(0, c.duplicates(), "duplicates"));
        }
    }

    /** Waits until the runtime has accepted the expected count, the deadline, or a stall. */
    private static void awaitAccepted(IngestCounters c, long expected, long deadline) throws InterruptedException {
        long seen = c.accepted();
        long stallEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(STALL_SECONDS);
        while (c.accepted() < expected) {
            long now = System.nanoTime();
            if (c.accepted() != seen) {
                seen = c.accepted();
                stallEnd = now + TimeUnit.SECONDS.toNanos(STALL_SECONDS);
            } else if (now > stallEnd || now > deadline) {
                return;
            }
            Thread.sleep(50);
        }
    }

    /** One device's stream, encoded up front so that publishing costs only the MQTT client's work. */
    private static List<byte[]> measurements(String device, long seed) {
        SimulatedArray sim = new SimulatedArray(Kind.RANK_ONE, D, new double[] {3, 2, 1}, 0, seed);
        List<byte[]> out = new ArrayList<>(PER_DEVICE);
        for (int seq = 0; seq < PER_DEVICE; seq++) {
            out.add(MeasurementEncoder.encode(new DecodedMeasurement(device, seq, sim.next())));
        }
        return out;
    }

    /**
     * Takes permits from the in-flight window, giving up at the deadline or once no acknowledgement
     * has come for {@link #STALL_SECONDS} (the broker dropped the publishes holding the window).
     */
    private static boolean acquire(Semaphore window, int permits, AtomicLong acked, long deadline)
            throws InterruptedException {
        long seen = acked.get();
        long stallEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(STALL_SECONDS);
        while (!window.tryAcquire(permits, 100, TimeUnit.MILLISECONDS)) {
            long now = System.nanoTime();
            if (acked.get() != seen) {
                seen = acked.get();
                stallEnd = now + TimeUnit.SECONDS.toNanos(STALL_SECONDS);
            } else if (now > stallEnd || now > deadline) {
                return false;
            }
        }
        return true;
    }

    /**
     * Publishes every payload at QoS 1, keeping at most {@link #IN_FLIGHT} unacknowledged, then
     * waits for the outstanding acknowledgements. A publish the broker dropped is never
     * acknowledged: its slot stays taken until the deadline.
     *
     * @return how many publishes the broker acknowledged
     */
    private static long flood(String url, String clientId, String topic, List<byte[]> payloads, long deadline)
            throws MqttException, InterruptedException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(IN_FLIGHT);
        options.setAutomaticReconnect(false);
        client.connect(options).waitForCompletion(10_000);
        Semaphore window = new Semaphore(IN_FLIGHT);
        AtomicLong acked = new AtomicLong();
        IMqttActionListener onPuback = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                acked.incrementAndGet();
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                window.release();
            }
        };
        try {
            for (byte[] p : payloads) {
                if (!acquire(window, 1, acked, deadline)) {
                    break;
                }
                client.publish(topic, p, 1, false, null, onPuback);
            }
            acquire(window, IN_FLIGHT, acked, deadline);
            return acked.get();
        } finally {
            client.disconnectForcibly(1_000, 1_000);
            client.close();
        }
    }
}
