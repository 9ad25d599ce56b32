package org.sensorrecovery.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.ingest.IngestCounters;
import org.sensorrecovery.journal.JournalReader;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.simulate.SimulatedArray;
import org.sensorrecovery.solver.Estimate;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.testing.Mosquitto;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementEncoder;
import org.sensorrecovery.wire.WireLimits;

/**
 * 100000 hostile payloads from a device nobody here wrote (MQTT.js, src/test/node/fuzz-device.js)
 * with 2000 valid measurements interleaved: every valid one is accepted, every input is accounted
 * for, and the estimate is exact.
 */
class FuzzIT {

    private static final int TOTAL = 100_000;
    private static final int VALID = 2_000;

    @TempDir
    Path dir;

    @Test
    void everyValidMeasurementSurvivesAHundredThousandHostilePayloads() throws Exception {
        SimulatedArray sim = new SimulatedArray(Kind.RANK_ONE, 8, new double[] {3, 1}, 0, 21);
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < VALID; s++) {
            lines.add(new String(MeasurementEncoder.encode(new DecodedMeasurement("valid", s, sim.next())),
                    StandardCharsets.UTF_8));
        }
        Path validFile = Files.write(dir.resolve("valid.ndjson"), lines);
        ArrayConfig a = new ArrayConfig("fuzz", Kind.RANK_ONE, 8, 0, 4096, Method.PRECOND, 1e-3, 1e-12, 50);
        try (Mosquitto broker = Mosquitto.start(dir);
             Gateway g = Gateway.start(new GatewayConfig("fuzz-it", null, 0, dir.resolve("data"), "sensors",
                     Duration.ofMillis(200), WireLimits.DEFAULT, 48, 0, List.of(a)).withBrokerUrl(broker.url()))) {
            Process node = new ProcessBuilder("node", "src/test/node/fuzz-device.js", broker.url(), "sensors/fuzz/m",
                    validFile.toString(), Integer.toString(TOTAL), "20261204").redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String summary = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(node.waitFor(300, TimeUnit.SECONDS), "fuzz device still running");
            assertEquals(0, node.exitValue(), "fuzz device: " + summary);
            long expected = field(summary, "expectedReceived");
            long batches = field(summary, "batches");
            assertEquals(VALID, field(summary, "valid"), summary);

            IngestCounters c = g.array("fuzz").ingest().counters();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (c.received() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(expected, c.received(), summary);
            assertEquals(VALID, c.accepted(), "exactly the valid ones: " + summary);
            assertEquals(batches, c.duplicates(), "each batch's redelivered valid measurement is a duplicate");
            assertEquals(c.received(), c.accepted() + c.rejected() + c.duplicates());
            assertEquals(0, g.array("fuzz").ingest().pausedMessages());

            TreeSet<Long> seqs = new TreeSet<>();
            try (JournalReader r = g.array("fuzz").journal().readerFromStart()) {
                while (r.next(rec -> {
                    assertEquals("valid", rec.device());
                    seqs.add(rec.seq());
                })) {
                    // read on
                }
            }
            assertEquals(VALID, seqs.size());
            assertEquals(VALID - 1, seqs.last());

            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Estimate e = g.array("fuzz").worker().latest();
            while ((e == null || g.array("fuzz").worker().measurements() < VALID || sim.relativeError(e.matrix()) >= 1e-5)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
                e = g.array("fuzz").worker().latest();
            }
            assertTrue(e != null && sim.relativeError(e.matrix()) < 1e-5,
                    "estimate error " + (e == null ? "none" : sim.relativeError(e.matrix())));
        }
    }

    private static long field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return Long.parseLong(m.group(1));
    }
}
