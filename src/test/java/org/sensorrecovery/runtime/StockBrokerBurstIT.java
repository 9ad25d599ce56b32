package org.sensorrecovery.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.broker.EmbeddedBroker;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.config.HttpConfig;
import org.sensorrecovery.ingest.IngestCounters;
import org.sensorrecovery.journal.JournalSync;
import org.sensorrecovery.mqtt.MqttProtocol;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.testing.Mosquitto;
import org.sensorrecovery.wire.WireLimits;

/**
 * A burst through a stock Mosquitto (20 in flight, 1000 queued per client: its defaults) reaches
 * the runtime whole on MQTT v5, whose Receive Maximum lets the broker send it all in flight, even
 * though each acknowledgement waits for a batch sync of the journal. On MQTT 3.1.1 the same broker
 * holds 20 in flight and 1000 queued and drops the rest (README, "Bursts on a stock broker").
 */
class StockBrokerBurstIT {

    /** Six times the broker's per-client queue. */
    private static final int BURST = 6_000;

    @TempDir
    Path dir;

    @Test
    void aBurstOfSixThousandSingleMeasurementsArrivesWholeThroughAStockMosquittoOnMqtt5() throws Exception {
        Path burst = writeBurst(dir.resolve("burst.ndjson"), BURST, 32);
        int port = EmbeddedBroker.freePort();
        try (Mosquitto broker = Mosquitto.start(dir, port, Mosquitto.STOCK);
             Gateway g = Gateway.start(config(broker.url(), MqttProtocol.V5, JournalSync.BATCH))) {
            Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-q", "1",
                    "-t", "sensors/burst/m", "-l").redirectInput(burst.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            assertEquals(0, pub.waitFor(), "mosquitto_pub exit status");
            IngestCounters c = g.array("burst").ingest().counters();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (c.received() < BURST && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(BURST, c.accepted(), "accepted");
            assertEquals(BURST, c.received(), "received (no duplicates, nothing rejected)");
            String log = Files.readString(dir.resolve("mosquitto-" + port + ".log"));
            assertFalse(log.contains("Outgoing messages are being dropped"), log);
        }
    }

    private GatewayConfig config(String url, MqttProtocol protocol, JournalSync sync) {
        ArrayConfig array = new ArrayConfig("burst", Kind.RANK_ONE, 32, 0, 2048, Method.PRECOND, 1e-3, 1e-10, 50);
        GatewayConfig.BrokerConfig broker = new GatewayConfig.BrokerConfig(url, null, null, null, null, null, null, null,
                protocol);
        return new GatewayConfig("burst-it", broker, 0, dir.resolve("data"), "sensors", Duration.ofMillis(200),
                WireLimits.DEFAULT, 48, 0, List.of(array), HttpConfig.OFF, sync);
    }

    /** One valid rank-one measurement per line (X* = I, so y = |a|^2), device "burst", seq 0..n-1. */
    private static Path writeBurst(Path file, int n, int d) throws IOException {
        SplittableRandom rnd = new SplittableRandom(11);
        List<String> lines = new ArrayList<>(n);
        for (int seq = 0; seq < n; seq++) {
            StringBuilder b = new StringBuilder("{\"device\":\"burst\",\"seq\":").append(seq).append(",\"a\":[");
            double y = 0;
            for (int i = 0; i < d; i++) {
                double v = rnd.nextGaussian();
                y += v * v;
                b.append(i == 0 ? "" : ",").append(v);
            }
            lines.add(b.append("],\"y\":").append(y).append('}').toString());
        }
        return Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
