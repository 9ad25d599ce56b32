package org.sensorrecovery.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.config.HttpConfig;
import org.sensorrecovery.runtime.Gateway;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.testing.HttpCalls;
import org.sensorrecovery.testing.HttpCalls.Response;
import org.sensorrecovery.testing.Mosquitto;
import org.sensorrecovery.wire.WireLimits;

/** /healthz follows the broker: 503 with the reason while it is away, 200 again once the client is back. */
class HealthIT {

    @TempDir
    Path dir;

    private static Response awaitStatus(String url, int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Response r = HttpCalls.get(url, null);
        while (r.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = HttpCalls.get(url, null);
        }
        assertEquals(status, r.status(), r.body());
        return r;
    }

    @Test
    void healthTurns503WhenTheBrokerGoesAwayAnd200AfterItReturns() throws Exception {
        Mosquitto first = Mosquitto.start(dir);
        int port = first.port();
        ArrayConfig a = new ArrayConfig("cov", Kind.RANK_ONE, 8, 0, 256, Method.PRECOND, 1e-3, 1e-10, 50);
        GatewayConfig c = new GatewayConfig("health-it", null, 0, dir.resolve("data"), "sensors", Duration.ofMillis(200),
                WireLimits.DEFAULT, 48, 0, List.of(a), HttpConfig.DEFAULT.at(new HttpConfig.Address("127.0.0.1", 0)))
                .withBrokerUrl(first.url());
        try (Gateway g = Gateway.start(c); HttpEndpoint http = HttpEndpoint.start(g, c.http(), Clock.systemUTC())) {
            String health = http.url() + "healthz";
            assertEquals("{\"status\":\"ok\",\"reasons\":[]}", awaitStatus(health, 200).body().trim());
            first.close();
            Response down = awaitStatus(health, 503);
            assertTrue(down.body().contains("\"status\":\"unavailable\""), down.body());
            assertTrue(down.body().contains("mqtt: not connected to " + first.url()), down.body());
            try (Mosquitto second = Mosquitto.start(dir, port)) {
                awaitStatus(health, 200);
                String metrics = HttpCalls.get(http.url() + "metrics", null).body();
                assertTrue(metrics.contains("sensor_recovery_mqtt_reconnects_total 1.0"), metrics);
                assertTrue(metrics.contains("sensor_recovery_mqtt_connected 1.0"), metrics);
            }
        } finally {
            first.close();
        }
    }
}
