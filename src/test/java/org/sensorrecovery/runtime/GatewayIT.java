package org.sensorrecovery.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.journal.JournalReader;
import org.sensorrecovery.mqtt.MqttSettings;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.mqtt.PahoTransport;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.simulate.SimulatedArray;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.EstimateCodec;
import org.sensorrecovery.wire.MeasurementEncoder;
import org.sensorrecovery.wire.WireLimits;
import org.sensorrecovery.testing.Mosquitto;

/** End to end through real brokers: devices publish, the runtime journals, solves and publishes. */
class GatewayIT {

    @TempDir
    Path dir;

    private static ArrayConfig array(String id, Kind kind, int d, int window) {
        return new ArrayConfig(id, kind, d, 0, window, Method.PRECOND, 1e-3, 1e-12, 50);
    }

    private GatewayConfig config(String brokerUrl, List<ArrayConfig> arrays) {
        GatewayConfig c = new GatewayConfig("it", null, 0, dir.resolve("data"), "sensors", Duration.ofMillis(200),
                new WireLimits(64 * 1024, 1000), 48, 0, arrays);
        return c.withBrokerUrl(brokerUrl);
    }

    private static MqttTransport client(String url, String id) {
        MqttTransport t = new PahoTransport(MqttSettings.plain(url, id + "-" + System.nanoTime()).withCleanSession(true));
        assertTrue(t.connect(10_000), "connect " + id);
        return t;
    }

    private static void publishAll(MqttTransport device, String topic, List<DecodedMeasurement> ms, int batch) {
        for (int i = 0; i < ms.size(); i += batch) {
            device.publish(topic, MeasurementEncoder.encodeBatch(ms.subList(i, Math.min(ms.size(), i + batch))), 1, false);
        }
    }

    /**
     * Subscribes once (the first message is the retained estimate, then live ones follow) and
     * waits for an estimate that satisfies the predicate; returns the last one seen otherwise.
     */
    private static EstimateCodec.Message awaitEstimate(String url, String topic, Predicate<EstimateCodec.Message> done)
            throws InterruptedException {
        BlockingQueue<EstimateCodec.Message> got = new LinkedBlockingQueue<>();
        EstimateCodec.Message last = null;
        try (MqttTransport late = client(url, "late")) {
            late.subscribe(topic, 1, (t, p) -> got.add(EstimateCodec.decode(p)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                EstimateCodec.Message m = got.poll(500, TimeUnit.MILLISECONDS);
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

    private void recoversBothKinds(GatewayConfig c, String url) throws Exception {
        SimulatedArray cov = new SimulatedArray(Kind.RANK_ONE, 20, new double[] {2, 1}, 0, 11);
        List<DecodedMeasurement> covMs = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            covMs.add(new DecodedMeasurement("cov-dev", i, cov.next()));
        }
        SimulatedArray corr = new SimulatedArray(Kind.ENTRY, 30, new double[] {2, 1}, 0, 12);
        List<DecodedMeasurement> corrMs = new ArrayList<>();
        int seq = 0;
        for (int i = 0; i < 30; i++) {
            for (int j = i; j < 30; j++) {
                corrMs.add(new DecodedMeasurement("corr-dev", seq++, new Measurement.Entry(i, j, corr.truth()[i * 30 + j])));
            }
        }
        try (Gateway g = Gateway.start(c); MqttTransport device = client(url, "device")) {
            Thread.sleep(300);
            publishAll(device, "sensors/cov/m", covMs, 50);
            publishAll(device, "sensors/corr/m", corrMs, 40);
            int corrCount = corrMs.size();
            EstimateCodec.Message covEst = awaitEstimate(url, "sensors/cov/estimate",
                    m -> m.measurements() == 600 && cov.relativeError(m.matrix()) < 1e-6);
            EstimateCodec.Message corrEst = awaitEstimate(url, "sensors/corr/estimate",
                    m -> m.measurements() == corrCount && corr.relativeError(m.matrix()) < 1e-6);
            assertNotNull(covEst);
            assertEquals(600, covEst.measurements());
            assertTrue(cov.relativeError(covEst.matrix()) < 1e-6, "rank-one error " + cov.relativeError(covEst.matrix()));
            assertEquals(2, covEst.rank());
            assertNotNull(corrEst);
            assertEquals(corrCount, corrEst.measurements());
            assertTrue(corr.relativeError(corrEst.matrix()) < 1e-6, "entry error " + corr.relativeError(corrEst.matrix()));
        }
    }

    @Test
    void recoversRankOneAndEntryArraysThroughTheEmbeddedBroker() throws Exception {
        GatewayConfig c = config(null, List.of(array("cov", Kind.RANK_ONE, 20, 4096), array("corr", Kind.ENTRY, 30, 4096)));
        c = new GatewayConfig(c.runtimeId(), null, org.sensorrecovery.broker.EmbeddedBroker.freePort(), c.dataDir(),
                c.topicPrefix(), c.publishInterval(), c.limits(), c.retainCycles(), c.reserveBytes(), c.arrays());
        recoversBothKinds(c, "tcp://127.0.0.1:" + c.embeddedPort());
    }

    /**
     * Moquette stores a retained message only after routing it, so a subscription made in between
     * gets neither; the gateway sends the newest estimate again on every subscription to its topic
     * on the embedded broker. On an idle array a new subscriber sees it twice: the retained copy,
     * then the one sent again (a subscriber that lost the race still gets it once).
     */
    @Test
    void aSubscriptionOnTheEmbeddedBrokerIsSentTheNewestEstimateAgain() throws Exception {
        GatewayConfig c = config(null, List.of(array("cov", Kind.RANK_ONE, 8, 4096)));
        c = new GatewayConfig(c.runtimeId(), null, org.sensorrecovery.broker.EmbeddedBroker.freePort(), c.dataDir(),
                c.topicPrefix(), c.publishInterval(), c.limits(), c.retainCycles(), c.reserveBytes(), c.arrays());
        String url = "tcp://127.0.0.1:" + c.embeddedPort();
        SimulatedArray sim = new SimulatedArray(Kind.RANK_ONE, 8, new double[] {1}, 0, 5);
        List<DecodedMeasurement> ms = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ms.add(new DecodedMeasurement("dev", i, sim.next()));
        }
        try (Gateway g = Gateway.start(c); MqttTransport device = client(url, "device")) {
            publishAll(device, "sensors/cov/m", ms, 50);
            assertNotNull(awaitEstimate(url, "sensors/cov/estimate",
                    m -> m.measurements() == 200 && sim.relativeError(m.matrix()) < 1e-6));
            // Idle now: the worker publishes nothing new.
            byte[] newest = g.array("cov").worker().latestMessage();
            Thread.sleep(500);
            assertTrue(java.util.Arrays.equals(newest, g.array("cov").worker().latestMessage()), "the array is idle");
            List<byte[]> got = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (MqttTransport late = client(url, "late")) {
                late.subscribe("sensors/+/estimate", 1, (t, p) -> got.add(p));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (got.size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(300);
            }
            assertEquals(2, got.size(), "the retained estimate and the one sent again");
            for (byte[] p : got) {
                assertTrue(java.util.Arrays.equals(newest, p), new String(p, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void recoversRankOneAndEntryArraysThroughMosquitto() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            recoversBothKinds(config(broker.url(),
                    List.of(array("cov", Kind.RANK_ONE, 20, 4096), array("corr", Kind.ENTRY, 30, 4096))), broker.url());
        }
    }

    @Test
    void mosquittoPubMessagesAreAcceptedAndBadJsonIsRejectedWithAReason() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir);
             Gateway g = Gateway.start(config(broker.url(), List.of(array("corr", Kind.ENTRY, 4, 100))))) {
            mosquittoPubAcceptedAndBadJsonRejected(g, broker.port());
        }
    }

    /** mosquitto_pub without -i sends an empty client id (MQTT 3.1.1 lets the server assign one). */
    @Test
    void mosquittoPubWithoutAClientIdReachesTheEmbeddedBroker() throws Exception {
        GatewayConfig c = config(null, List.of(array("corr", Kind.ENTRY, 4, 100)));
        int port = org.sensorrecovery.broker.EmbeddedBroker.freePort();
        c = new GatewayConfig(c.runtimeId(), null, port, c.dataDir(), c.topicPrefix(), c.publishInterval(), c.limits(),
                c.retainCycles(), c.reserveBytes(), c.arrays());
        try (Gateway g = Gateway.start(c)) {
            mosquittoPubAcceptedAndBadJsonRejected(g, port);
        }
    }

    private static void mosquittoPubAcceptedAndBadJsonRejected(Gateway g, int port) throws Exception {
        try (MqttTransport watcher = client(g.brokerUrl(), "watcher")) {
            BlockingQueue<String> rejected = new LinkedBlockingQueue<>();
            watcher.subscribe("sensors/corr/rejected", 1, (t, p) -> rejected.add(new String(p, StandardCharsets.UTF_8)));
            assertTrue(watcher.awaitSubscribed(10_000));
            mosquittoPub(port, "{\"device\":\"cli\",\"seq\":1,\"i\":0,\"j\":1,\"y\":0.5}");
            mosquittoPub(port, "{\"device\":\"cli\",\"seq\":2,\"i\":0,");
            String reason = rejected.poll(10, TimeUnit.SECONDS);
            assertNotNull(reason);
            assertTrue(reason.contains("malformed JSON"), reason);
            awaitCount(() -> g.array("corr").ingest().counters().accepted(), 1);
            assertEquals(1, g.array("corr").ingest().counters().rejected());
        }
    }

    @Test
    void eachKindOfBadInputIsRejectedWithASpecificReasonAndTheValidOnesKept() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir);
             Gateway g = Gateway.start(config(broker.url(),
                     List.of(array("cov", Kind.RANK_ONE, 3, 100), array("corr", Kind.ENTRY, 4, 100))));
             MqttTransport device = client(broker.url(), "device");
             MqttTransport watcher = client(broker.url(), "watcher")) {
            Map<String, String> reasons = new ConcurrentHashMap<>();
            BlockingQueue<String> all = new LinkedBlockingQueue<>();
            watcher.subscribe("sensors/+/rejected", 1, (t, p) -> all.add(new String(p, StandardCharsets.UTF_8)));
            assertTrue(watcher.awaitSubscribed(10_000));
            String[][] cases = {
                {"cov", "{\"seq\":1,\"a\":[1,2,3],\"y\":", "malformed JSON"},
                {"cov", "{\"seq\":2,\"a\":[1,2],\"y\":1}", "a: expected 3 numbers, got 2"},
                {"cov", "{\"seq\":3,\"a\":[1,2,3],\"y\":NaN}", "y: must be a finite number"},
                {"cov", "{\"seq\":4,\"a\":[1,2,3],\"y\":1,\"z\":0}", "z: unknown field"},
                {"cov", "{\"seq\":5,\"y\":1}", "a: missing"},
                {"cov", "{\"seq\":6,\"a\":[" + "1,".repeat(40_000) + "1],\"y\":1}", "message too large"},
                {"corr", "{\"seq\":7,\"i\":4,\"j\":0,\"y\":1}", "i: index 4 out of range"},
                {"corr", "[{\"seq\":8,\"i\":0,\"j\":0,\"y\":1},{\"seq\":9,\"i\":0,\"j\":-1,\"y\":1},{\"seq\":10,\"i\":1,\"j\":1,\"y\":1}]",
                    "j: index -1 out of range"},
            };
            for (String[] c : cases) {
                device.publish("sensors/" + c[0] + "/m", c[1].getBytes(StandardCharsets.UTF_8), 1, false);
            }
            for (int i = 0; i < cases.length; i++) {
                String r = all.poll(10, TimeUnit.SECONDS);
                assertNotNull(r, "rejection " + i);
                reasons.put(r, r);
            }
            for (String[] c : cases) {
                assertTrue(reasons.keySet().stream().anyMatch(r -> r.contains(c[2])), "no rejection containing '" + c[2]
                        + "' in " + reasons.keySet());
            }
            awaitCount(() -> g.array("corr").ingest().counters().accepted(), 2);
            assertEquals(0, g.array("cov").ingest().counters().accepted());
            assertTrue(g.connected());
            // Still alive and accepting after all that.
            device.publish("sensors/cov/m", "{\"seq\":11,\"a\":[1,0,0],\"y\":2}".getBytes(StandardCharsets.UTF_8), 1, false);
            awaitCount(() -> g.array("cov").ingest().counters().accepted(), 1);
        }
    }

    @Test
    void aRestartMidStreamNeitherLosesNorDoubleCountsAMeasurement() throws Exception {
        int total = 20_000;
        SimulatedArray sim = new SimulatedArray(Kind.RANK_ONE, 12, new double[] {1.5, 1.0}, 0, 21);
        List<DecodedMeasurement> ms = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            ms.add(new DecodedMeasurement("dev-" + (i % 4), i / 4, sim.next()));
        }
        try (Mosquitto broker = Mosquitto.start(dir); MqttTransport device = client(broker.url(), "device")) {
            GatewayConfig c = config(broker.url(), List.of(array("cov", Kind.RANK_ONE, 12, 2048)));
            Gateway first = Gateway.start(c);
            Thread.sleep(300);
            publishAll(device, "sensors/cov/m", ms.subList(0, 8_000), 10);
            first.close();
            // The runtime is down: its persistent session makes the broker queue what devices send now.
            publishAll(device, "sensors/cov/m", ms.subList(8_000, 14_000), 10);
            // A device that resends after a timeout: duplicates of measurements already journaled.
            publishAll(device, "sensors/cov/m", ms.subList(7_000, 8_000), 10);
            try (Gateway second = Gateway.start(c)) {
                publishAll(device, "sensors/cov/m", ms.subList(14_000, total), 10);
                EstimateCodec.Message m = awaitEstimate(broker.url(), "sensors/cov/estimate",
                        e -> e.measurements() == total && sim.relativeError(e.matrix()) < 1e-6);
                assertNotNull(m);
                assertEquals(total, m.measurements());
                assertTrue(sim.relativeError(m.matrix()) < 1e-6, "error " + sim.relativeError(m.matrix()) + ", rank "
                        + m.rank() + ", residual " + m.residual() + ", " + m.iterations() + " iterations; solver "
                        + second.array("cov").worker().solverState());
                Set<String> seen = new HashSet<>();
                int[] records = {0};
                try (JournalReader r = second.array("cov").journal().readerFromStart()) {
                    while (r.next(rec -> {
                        records[0]++;
                        seen.add(rec.device() + "/" + rec.seq());
                    })) {
                        // count
                    }
                }
                assertEquals(total, records[0], "journal records");
                assertEquals(total, seen.size(), "distinct (device, seq) in the journal");
            }
        }
    }

    private static void mosquittoPub(int port, String message) throws Exception {
        Process p = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-q", "1",
                "-t", "sensors/corr/m", "-m", message).inheritIO().start();
        assertEquals(0, p.waitFor());
    }

    private static void awaitCount(java.util.function.LongSupplier counter, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter.getAsLong() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, counter.getAsLong());
    }
}
