package org.sensorrecovery.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.broker.EmbeddedBroker;
import org.sensorrecovery.journal.ArrayJournal;
import org.sensorrecovery.mqtt.MqttSettings;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.mqtt.PahoTransport;
import org.sensorrecovery.testing.HttpCalls;
import org.sensorrecovery.testing.Mosquitto;
import org.sensorrecovery.testing.RankOnePayloads;

/**
 * The packaged runtime as a process, under the service's own JVM flags (deploy/jvm.options):
 * started with many arrays, refused when its arrays cannot fit, killed -9 mid-stream.
 */
class RuntimeProcessIT {

    private static final Pattern ACCEPTED =
            Pattern.compile("(?m)^sensor_recovery_measurements_accepted_total\\{[^}]*\\} (\\S+)$");

    @TempDir
    Path dir;

    private Path config(String broker, int arrays, int window, int httpPort) throws IOException {
        StringBuilder b = new StringBuilder("runtimeId: process-it\n");
        b.append(broker == null ? "embeddedBroker:\n  port: " + EmbeddedBroker.freePort() + "\n" : "broker:\n  url: " + broker + "\n");
        b.append("dataDir: ").append(dir.resolve("data")).append("\nhttp:\n  port: ").append(httpPort).append("\narrays:\n");
        for (int i = 0; i < arrays; i++) {
            b.append("  - id: a").append(i).append("\n    kind: rank-one\n    d: 16\n    window: ").append(window).append('\n');
        }
        return Files.writeString(dir.resolve("gateway-" + arrays + "-" + window + ".yaml"), b.toString());
    }

    private static Process runtime(Path config) throws IOException {
        return new ProcessBuilder("java", "@" + Path.of("deploy/jvm.options").toAbsolutePath(), "-jar",
                Path.of("target/sensor-recovery.jar").toAbsolutePath().toString(), "run", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(config.resolveSibling(config.getFileName() + ".log").toFile())
                .start();
    }

    private static String log(Path config) throws IOException {
        return Files.readString(config.resolveSibling(config.getFileName() + ".log"));
    }

    private static void awaitHealthy(Process p, Path config, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), () -> "runtime exited: " + logOf(config));
            try {
                if (HttpCalls.get("http://127.0.0.1:" + port + "/healthz", null).status() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not healthy within 60 s: " + log(config));
    }

    private static String logOf(Path config) {
        try {
            return log(config);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Sum of every array's accepted counter, from /metrics. */
    private static long accepted(int port) throws IOException, InterruptedException {
        Matcher m = ACCEPTED.matcher(HttpCalls.get("http://127.0.0.1:" + port + "/metrics", null).body());
        long sum = 0;
        while (m.find()) {
            sum += (long) Double.parseDouble(m.group(1));
        }
        return sum;
    }

    private static long rssKilobytes(Process p) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no VmRSS for " + p.pid());
    }

    /**
     * As the service runs (deploy/: an external Mosquitto, deploy/jvm.options): 100 arrays start,
     * take 600 measurements each, stay healthy and small.
     */
    @Test
    void aHundredArraysStartUnderTheServiceFlagsTakeDataAndStaySmall() throws Exception {
        int http = EmbeddedBroker.freePort();
        try (Mosquitto broker = Mosquitto.start(dir)) {
            Path config = config(broker.url(), 100, 256, http);
            Process p = runtime(config);
            try {
                awaitHealthy(p, config, http);
                SplittableRandom rnd = new SplittableRandom(5);
                try (MqttTransport device = new PahoTransport(MqttSettings.plain(broker.url(), "many").withCleanSession(true))) {
                    assertTrue(device.connect(10_000));
                    for (int i = 0; i < 100; i++) {
                        for (int s = 0; s < 600; s++) {
                            device.publish("sensors/a" + i + "/m", RankOnePayloads.random("many", s, 16, rnd), 1, false);
                        }
                    }
                    assertTrue(device.awaitDelivered(60_000));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (accepted(http) < 60_000 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertEquals(60_000, accepted(http), log(config));
                Thread.sleep(3_000);
                assertEquals(200, HttpCalls.get("http://127.0.0.1:" + http + "/healthz", null).status());
                long rss = rssKilobytes(p);
                assertTrue(rss < 200 * 1024, "RSS " + rss + " kB with 100 arrays");
                System.out.printf("100 arrays of d = 16, 60000 measurements: RSS %d MB%n", rss / 1024);
            } finally {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aConfigWhoseWindowsCannotFitTheHeapIsRefusedBeforeAnythingStarts() throws Exception {
        Path config = config(null, 100, 4096, EmbeddedBroker.freePort());
        Process p = runtime(config);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "still running");
        String out = log(config);
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("error: arrays: 100 arrays need about ") && out.contains("(-Xmx)"), out);
        assertTrue(!Files.exists(dir.resolve("data")), "nothing started, nothing written");
    }

    @Test
    void aRuntimeKilledMidStreamLosesNothingAndCountsNothingTwice() throws Exception {
        int n = 10_000;
        int http = EmbeddedBroker.freePort();
        try (Mosquitto broker = Mosquitto.start(dir, EmbeddedBroker.freePort(), Mosquitto.persistent(dir))) {
            Path config = config(broker.url(), 1, 4096, http);
            Process first = runtime(config);
            awaitHealthy(first, config, http);
            SplittableRandom rnd = new SplittableRandom(9);
            try (MqttTransport device = new PahoTransport(MqttSettings.plain(broker.url(), "killed"))) {
                assertTrue(device.connect(10_000));
                for (int s = 0; s < n; s++) {
                    device.publish("sensors/a0/m", RankOnePayloads.random("killed", s, 16, rnd), 1, false);
                    if (s == n / 2) {
                        first.destroyForcibly().waitFor(); // kill -9, mid-stream
                    }
                }
                assertTrue(device.awaitDelivered(30_000));
            }
            Process second = runtime(config);
            try {
                awaitHealthy(second, config, http);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (estimateCount(http) < n && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertEquals(n, estimateCount(http), log(config));
            } finally {
                second.destroy();
                second.waitFor(10, TimeUnit.SECONDS);
            }
            try (ArrayJournal j = ArrayJournal.open(dir.resolve("data").resolve("a0").resolve("journal"))) {
                assertEquals(n, j.entries(), "each measurement journaled exactly once across the kill");
            }
        }
    }

    /** The measurements counted into the latest estimate, from /api/arrays/a0. */
    private static long estimateCount(int port) throws IOException, InterruptedException {
        String body = HttpCalls.get("http://127.0.0.1:" + port + "/api/arrays/a0", null).body();
        Matcher m = Pattern.compile("\"measurements\":(\\d+)").matcher(body);
        List<Long> all = new ArrayList<>();
        while (m.find()) {
            all.add(Long.parseLong(m.group(1)));
        }
        return all.isEmpty() ? 0 : all.get(0);
    }
}
