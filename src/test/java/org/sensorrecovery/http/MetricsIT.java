package org.sensorrecovery.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.broker.EmbeddedBroker;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.config.HttpConfig;
import org.sensorrecovery.mqtt.MqttSettings;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.mqtt.PahoTransport;
import org.sensorrecovery.runtime.Gateway;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.simulate.SimulatedArray;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.testing.Cli;
import org.sensorrecovery.testing.HttpCalls;
import org.sensorrecovery.testing.SimulatedStream;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementEncoder;
import org.sensorrecovery.wire.WireLimits;

/** /metrics as Prometheus sees it: valid for promtool, and the counters add up to what was sent. */
class MetricsIT {

    private static final Pattern SAMPLE = Pattern.compile("^(sensor_recovery_\\w+)(?:\\{([^}]*)\\})? (\\S+)$",
            Pattern.MULTILINE);

    @TempDir
    Path dir;

    /** promtool from Debian's prometheus package; CI installs it, so a missing one fails here. */
    private static String promtool(String metrics) throws Exception {
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(metrics.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, p.exitValue(), "promtool check metrics:\n" + out);
        return out;
    }

    /** Sum of a metric's samples whose labels contain every given fragment. */
    private static double sum(String metrics, String name, String... labels) {
        Matcher m = SAMPLE.matcher(metrics);
        double total = 0;
        boolean found = false;
        while (m.find()) {
            if (!m.group(1).equals(name)) {
                continue;
            }
            boolean all = true;
            for (String l : labels) {
                all &= m.group(2) != null && m.group(2).contains(l);
            }
            if (all) {
                total += Double.parseDouble(m.group(3));
                found = true;
            }
        }
        assertTrue(found, "no sample of " + name + " " + String.join(",", labels));
        return total;
    }

    @Test
    void promtoolAcceptsTheMetricsOfAStreamAndTheCountersAddUpToWhatWasSent() throws Exception {
        ArrayConfig a = new ArrayConfig("cov", Kind.RANK_ONE, 12, 0, 2048, Method.PRECOND, 1e-3, 1e-10, 50);
        GatewayConfig c = new GatewayConfig("metrics-it", null, EmbeddedBroker.freePort(), dir.resolve("data"), "sensors",
                Duration.ofMillis(200), WireLimits.DEFAULT, 48, 0, List.of(a),
                HttpConfig.DEFAULT.at(new HttpConfig.Address("127.0.0.1", 0)));
        SimulatedArray sim = new SimulatedArray(Kind.RANK_ONE, 12, new double[] {2, 1}, 0, 7);
        try (Gateway g = Gateway.start(c); HttpEndpoint http = HttpEndpoint.start(g, c.http(), Clock.systemUTC());
             MqttTransport device = new PahoTransport(MqttSettings.plain(g.brokerUrl(), "metrics-dev").withCleanSession(true))) {
            assertTrue(device.connect(10_000));
            String firstEvent = firstEvent(http.url());
            assertTrue(firstEvent.contains("\"arrays\":[{\"id\":\"cov\""), firstEvent);
            long sent;
            try (SimulatedStream stream = new SimulatedStream(device, "sensors/cov/m", sim, 1000)) {
                Thread.sleep(2_000);
                String during = HttpCalls.get(http.url() + "metrics", null).body();
                promtool(during);
                assertEquals(1.0, sum(during, "sensor_recovery_mqtt_connected"), "connected");
                sent = bad(device) + duplicates(device, sim);
                Thread.sleep(1_000);
                stream.close();
                sent += stream.sent();
            }
            awaitReceived(g, sent);
            String after = HttpCalls.get(http.url() + "metrics", null).body();
            promtool(after);
            double accepted = sum(after, "sensor_recovery_measurements_accepted_total", "array=\"cov\"");
            double rejected = sum(after, "sensor_recovery_measurements_rejected_total", "array=\"cov\"");
            double duplicates = sum(after, "sensor_recovery_measurements_duplicates_total", "array=\"cov\"");
            assertEquals(sent, accepted + rejected + duplicates, "accepted + rejected + duplicates = sent");
            assertEquals(sent, sum(after, "sensor_recovery_measurements_received_total", "array=\"cov\""));
            assertEquals(5, duplicates);
            assertEquals(0, sum(after, "sensor_recovery_measurements_missing_total", "array=\"cov\""), "one gapless stream");
            assertEquals(2, sum(after, "sensor_recovery_measurements_rejected_total", "reason=\"malformed_json\""));
            assertEquals(1, sum(after, "sensor_recovery_measurements_rejected_total", "reason=\"wrong_length\""));
            assertEquals(1, sum(after, "sensor_recovery_measurements_rejected_total", "reason=\"not_finite\""));
            assertEquals(1, sum(after, "sensor_recovery_measurements_rejected_total", "reason=\"unknown_field\""));
            assertEquals(5, rejected);
            assertEquals(accepted, g.array("cov").ingest().counters().accepted());
            assertTrue(sum(after, "sensor_recovery_refine_duration_seconds_count", "array=\"cov\"") > 0);
            assertTrue(sum(after, "sensor_recovery_journal_entries", "array=\"cov\"") >= accepted);
            assertTrue(after.contains("jvm_memory_used_bytes"), "the client's JVM collectors");
            String status = Cli.run("status", "--url", http.url()).out();
            assertTrue(status.contains("MQTT connected"), status);
            assertTrue(status.matches("(?s).*\\ncov +rank-one +12 +" + (long) accepted + " +5 +5 .*"), status);
            assertTrue(status.contains("malformed_json 2"), status);
        }
    }

    /** Five malformed messages of four buckets; returns how many inputs that is. */
    private static long bad(MqttTransport device) {
        for (String m : new String[] {"{\"seq\":1,\"a\":[1,2", "not json", "{\"seq\":2,\"a\":[1,2],\"y\":1}",
            "{\"seq\":3,\"a\":[1,1,1,1,1,1,1,1,1,1,1,1],\"y\":NaN}", "{\"seq\":4,\"a\":[1,1,1,1,1,1,1,1,1,1,1,1],\"y\":1,\"b\":2}"}) {
            device.publish("sensors/cov/m", m.getBytes(StandardCharsets.UTF_8), 1, false);
        }
        return 5;
    }

    /** Five redeliveries of measurements the stream sent already (device "sim", seq 0..4). */
    private static long duplicates(MqttTransport device, SimulatedArray sim) {
        for (int i = 0; i < 5; i++) {
            device.publish("sensors/cov/m", MeasurementEncoder.encode(new DecodedMeasurement("sim", i, sim.next())), 1, false);
        }
        return 5;
    }

    private static void awaitReceived(Gateway g, long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (g.array("cov").ingest().counters().received() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(n, g.array("cov").ingest().counters().received());
    }

    /** The first data line of the event stream. */
    private static String firstEvent(String url) throws Exception {
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "api/events"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    return line.substring(6);
                }
            }
        }
        throw new AssertionError("the event stream ended without an event");
    }
}
