package org.sensorrecovery.http;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.sensorrecovery.config.HttpConfig;
import org.sensorrecovery.metrics.GatewayMetrics;
import org.sensorrecovery.runtime.Gateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's HTTP endpoint on the JDK's built-in server: the live dashboard at /, /metrics
 * (Prometheus), /healthz, /api/arrays[/{id}] and /api/events (server-sent events). Read-only;
 * beyond loopback only with credentials. A bounded pool of threads: one per event stream (capped)
 * plus a few for requests.
 */
public final class HttpEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
    private static final int REQUEST_THREADS = 2;

    private final HttpServer server;
    private final ExecutorService pool;
    private final Dashboard dashboard;
    private final EventStreams events;
    private final String url;

    private HttpEndpoint(HttpServer server, ExecutorService pool, Dashboard dashboard, EventStreams events, String url) {
        this.server = server;
        this.pool = pool;
        this.dashboard = dashboard;
        this.events = events;
        this.url = url;
    }

    /** Starts the endpoint the gateway's config asks for, or returns null when it is off. */
    public static HttpEndpoint startIfEnabled(Gateway gateway) throws IOException {
        HttpConfig c = gateway.config().http();
        return c.enabled() ? start(gateway, c, Clock.systemUTC()) : null;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IOException naming the address when it cannot be bound
     */
    public static HttpEndpoint start(Gateway gateway, HttpConfig c, Clock clock) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(c.bind(), c.port()), 64);
        } catch (BindException e) {
            throw new BindException("http: cannot listen on " + c.bind() + ":" + c.port() + " (" + e.getMessage()
                    + "); choose another with http.port or --http HOST:PORT, or --no-http");
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(REQUEST_THREADS + EventStreams.MAX_STREAMS, r -> {
            Thread t = new Thread(r, "http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        EventStreams events = new EventStreams();
        Dashboard dashboard = new Dashboard(gateway, clock, events);
        Router router = new Router(new Credentials(c), new StaticResources(), new GatewayMetrics(gateway, clock),
                dashboard, events);
        server.createContext("/", router);
        server.setExecutor(pool);
        server.start();
        dashboard.start();
        InetSocketAddress at = server.getAddress();
        String host = at.getAddress().isAnyLocalAddress() ? "127.0.0.1" : at.getAddress().getHostAddress();
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + at.getPort() + "/";
        LOG.info("dashboard and metrics on http://{}:{}/ ({})", c.bind(), at.getPort(),
                c.requiresCredentials() ? "credentials required" : "loopback, no credentials");
        return new HttpEndpoint(server, pool, dashboard, events, url);
    }

    /** The dashboard's URL (on 127.0.0.1 when bound to every address). */
    public String url() {
        return url;
    }

    /** The port actually bound (http.port 0 picks one). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        dashboard.close();
        events.close();
        server.stop(0);
        pool.shutdownNow();
    }
}
