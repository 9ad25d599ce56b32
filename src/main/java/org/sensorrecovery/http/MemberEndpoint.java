package org.sensorrecovery.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.sensorrecovery.cluster.ClusterMember;
import org.sensorrecovery.config.HttpConfig;
import org.sensorrecovery.metrics.MemberMetrics;

/**
 * A cluster member's HTTP endpoint: /api/arrays (the arrays it owns), /metrics and /healthz, with
 * the gateway's credentials rule. Read-only, two threads, no dashboard.
 */
public final class MemberEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService pool;

    private MemberEndpoint(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    /**
     * Binds and starts serving, or returns null when http is off.
     *
     * @param broker the MQTT broker estimates also go to, or null
     * @param mqttConnected whether that broker is connected
     */
    public static MemberEndpoint startIfEnabled(ClusterMember m, String broker, BooleanSupplier mqttConnected)
            throws IOException {
        HttpConfig c = m.config().http();
        if (!c.enabled()) {
            return null;
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(c.bind(), c.port()), 64);
        } catch (BindException e) {
            throw new BindException("http: cannot listen on " + c.bind() + ":" + c.port() + " (" + e.getMessage() + ")");
        }
        Credentials credentials = new Credentials(c);
        MemberMetrics metrics = new MemberMetrics(m, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "http-member");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", ex -> serve(ex, credentials, m, metrics, broker, mqttConnected));
        server.setExecutor(pool);
        server.start();
        return new MemberEndpoint(server, pool);
    }

    private static void serve(HttpExchange ex, Credentials credentials, ClusterMember m, MemberMetrics metrics,
                              String broker, BooleanSupplier mqttConnected) throws IOException {
        try (ex) {
            if (!credentials.accepts(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().set("WWW-Authenticate", credentials.challenge());
                Responses.text(ex, 401, "unauthorized\n");
                return;
            }
            switch (ex.getRequestURI().getRawPath()) {
                case "/api/arrays" -> Responses.json(ex, 200,
                        MemberJson.all(m, broker, broker != null && mqttConnected.getAsBoolean(), System.currentTimeMillis()));
                case "/healthz" -> {
                    Health h = Health.of(m);
                    Responses.json(ex, h.ok() ? 200 : 503, h.json());
                }
                case "/metrics" -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
                    metrics.scrape(out);
                    Responses.send(ex, 200, metrics.contentType(), out.toByteArray());
                }
                default -> Responses.text(ex, 404, "a cluster member serves /api/arrays, /metrics and /healthz\n");
            }
        }
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
