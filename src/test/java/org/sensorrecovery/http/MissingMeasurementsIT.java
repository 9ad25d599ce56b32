package org.sensorrecovery.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
import org.sensorrecovery.testing.GappedSeqs;
import org.sensorrecovery.testing.HttpCalls;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementEncoder;
import org.sensorrecovery.wire.WireLimits;

/** What never arrived, through a gateway on the embedded broker: /api/arrays/{id}, /metrics and status agree. */
class MissingMeasurementsIT {

    private static final String TOPIC = "sensors/cov/m";
    private static final Pattern MISSING_METRIC =
            Pattern.compile("^sensor_recovery_measurements_missing_total\\{array=\"cov\"\\} (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void issue13sExampleIsOneHundredThirtyMissingEverywhereALateArrivalTakesOneBackAndARestartKeepsTheCount()
            throws Exception {
        ArrayConfig a = new ArrayConfig("cov", Kind.RANK_ONE, 12, 0, 2048, Method.PRECOND, 1e-3, 1e-10, 50);
        GatewayConfig c = new GatewayConfig("missing-it", null, EmbeddedBroker.freePort(), dir.resolve("data"), "sensors",
                Duration.ofMillis(200), WireLimits.DEFAULT, 48, 0, List.of(a),
                HttpConfig.DEFAULT.at(new HttpConfig.Address("127.0.0.1", 0)));
        SimulatedArray sim = new SimulatedArray(Kind.RANK_ONE, 12, new double[] {2, 1}, 0, 7);
        List<DecodedMeasurement> stream = new ArrayList<>();
        for (long seq : GappedSeqs.issue13Example()) {
            stream.add(new DecodedMeasurement("dev", seq, sim.next()));
        }
        try (Gateway g = Gateway.start(c); HttpEndpoint http = HttpEndpoint.start(g, c.http(), Clock.systemUTC());
             MqttTransport device = new PahoTransport(MqttSettings.plain(g.brokerUrl(), "missing-dev").withCleanSession(true))) {
            assertTrue(device.connect(10_000));
            for (int i = 0; i < stream.size(); i += 10) {
                device.publish(TOPIC, MeasurementEncoder.encodeBatch(stream.subList(i, Math.min(stream.size(), i + 10))), 1, false);
            }
            awaitCounter(http, "accepted", 870);
            awaitCounter(http, "missing", 130);
            assertEquals(130, metric(http));
            String status = Cli.run("status", "--url", http.url()).out();
            assertTrue(status.matches("(?s).*\\ncov +rank-one +12 +870 +0 +0 +130 .*"), status);

            device.publish(TOPIC, MeasurementEncoder.encode(new DecodedMeasurement("dev", 350, sim.next())), 1, false);
            awaitCounter(http, "accepted", 871);
            awaitCounter(http, "missing", 129);
            assertEquals(129, metric(http));
        }
        try (Gateway g = Gateway.start(c); HttpEndpoint http = HttpEndpoint.start(g, c.http(), Clock.systemUTC())) {
            assertEquals(129, apiCounter(http, "missing"), "restored from ingest.state");
            assertEquals(129, metric(http));
        }
    }

    private static double apiCounter(HttpEndpoint http, String name) throws Exception {
        HttpCalls.Response r = HttpCalls.get(http.url() + "api/arrays/cov", null);
        assertEquals(200, r.status(), r.body());
        return JsonTree.number(JsonTree.parse(r.body().getBytes(StandardCharsets.UTF_8)), "array", "counters", name);
    }

    private static double metric(HttpEndpoint http) throws Exception {
        String metrics = HttpCalls.get(http.url() + "metrics", null).body();
        Matcher m = MISSING_METRIC.matcher(metrics);
        assertTrue(m.find(), metrics);
        return Double.parseDouble(m.group(1));
    }

    /** Ingest updates missing after the measurements of a message, so each figure is awaited by itself. */
    private static void awaitCounter(HttpEndpoint http, String name, long n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (apiCounter(http, name) != n && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(n, apiCounter(http, name), name);
    }
}
