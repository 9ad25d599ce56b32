package org.sensorrecovery.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.broker.EmbeddedBroker;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.config.HttpConfig;
import org.sensorrecovery.runtime.Gateway;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.testing.HttpCalls;
import org.sensorrecovery.testing.HttpCalls.Response;
import org.sensorrecovery.wire.WireLimits;

/** Who may read what: credentials beyond loopback on every path, and nothing outside the whitelist. */
class HttpSecurityIT {

    private static final String TOKEN = "it-token-0123456789abcdef";
    private static final String PASSWORD = "it-password-42";
    private static final List<String> PATHS = List.of("/", "/index.html", "/metrics", "/healthz", "/api/arrays",
            "/api/arrays/cov", "/api/events", "/static/dashboard.js", "/no/such/page", "/../../etc/passwd");

    @TempDir
    Path dir;

    private Gateway gateway(HttpConfig http) throws Exception {
        ArrayConfig a = new ArrayConfig("cov", Kind.RANK_ONE, 8, 0, 256, Method.PRECOND, 1e-3, 1e-10, 50);
        return Gateway.start(new GatewayConfig("sec", null, EmbeddedBroker.freePort(), dir.resolve("data"), "sensors",
                Duration.ofMillis(200), WireLimits.DEFAULT, 48, 0, List.of(a), http));
    }

    @Test
    void boundToEveryAddressWithoutTheTokenEveryPathAnswers401() throws Exception {
        HttpConfig open = new HttpConfig(true, "0.0.0.0", EmbeddedBroker.freePort(), TOKEN, null, PASSWORD);
        try (Gateway g = gateway(open); HttpEndpoint http = HttpEndpoint.start(g, g.config().http(), Clock.systemUTC())) {
            for (String path : PATHS) {
                Response none = HttpCalls.raw(http.port(), "GET", path, null);
                assertEquals(401, none.status(), path + " without credentials");
                assertFalse(none.body().contains("sensor_recovery") || none.body().contains("<html"), path);
                assertEquals(401, HttpCalls.raw(http.port(), "GET", path, "Bearer wrong-token-0123456789").status(), path);
                assertEquals(401, HttpCalls.raw(http.port(), "GET", path, "Bearer " + TOKEN + "x").status(), path);
            }
            Response challenge = HttpCalls.get(http.url() + "metrics", null);
            assertNotNull(challenge.challenge());
            assertTrue(challenge.challenge().startsWith("Basic"), challenge.challenge());
            Response metrics = HttpCalls.get(http.url() + "metrics", "Bearer " + TOKEN);
            assertEquals(200, metrics.status());
            assertTrue(metrics.body().contains("sensor_recovery_mqtt_connected"), metrics.body());
            String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            assertEquals(200, HttpCalls.get(http.url(), basic).status());
            String wrongUser = "Basic " + Base64.getEncoder().encodeToString(("root:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            assertEquals(401, HttpCalls.get(http.url(), wrongUser).status());
        }
    }

    @Test
    void theConfigRefusesToBindBeyondLoopbackWithoutCredentials() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new HttpConfig(true, "0.0.0.0", 0, null, null, null));
        assertTrue(e.getMessage().startsWith("bind: 0.0.0.0 is reachable from other machines"), e.getMessage());
    }

    @Test
    void pathsOutsideTheDashboardsResourcesAre404AndNeverReachTheFileSystem() throws Exception {
        HttpConfig loopback = HttpConfig.DEFAULT.at(new HttpConfig.Address("127.0.0.1", 0));
        try (Gateway g = gateway(loopback); HttpEndpoint http = HttpEndpoint.start(g, g.config().http(), Clock.systemUTC())) {
            for (String path : List.of("/../../etc/passwd", "/static/../../../../etc/passwd", "/static/..%2f..%2fetc%2fpasswd",
                    "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                    "/static/%2e%2e%2fdashboard.js", "/static//etc/passwd", "/static/org/sensorrecovery/http/static/index.html",
                    "/static/../index.html", "/static/", "/static/dashboard.js%00.png", "/static/Dashboard.js",
                    "/api/arrays/..%2f..%2fetc%2fpasswd", "/api/arrays/nosuch", "/etc/passwd", "/pom.xml")) {
                Response r = HttpCalls.raw(http.port(), "GET", path, null);
                assertEquals(404, r.status(), path);
                assertFalse(r.body().contains("root:"), path);
            }
            assertEquals(200, HttpCalls.raw(http.port(), "GET", "/static/dashboard.js", null).status());
            assertEquals(405, HttpCalls.raw(http.port(), "POST", "/api/arrays", null).status());
            assertEquals(405, HttpCalls.raw(http.port(), "DELETE", "/", null).status());
        }
    }
}
