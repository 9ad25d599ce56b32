package org.sensorrecovery.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request: credentials first (a 401 on every path, known or not), then an exact match of the
 * raw, undecoded path against the routes; everything else is a 404. Read-only: GET and HEAD.
 */
final class Router implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final String ARRAY_PREFIX = "/api/arrays/";
    private static final String STATIC_PREFIX = "/static/";

    private final Credentials credentials;
    private final StaticResources resources;
    private final GatewayMetrics metrics;
    private final Dashboard dashboard;
    private final EventStreams events;

    Router(Credentials credentials, StaticResources resources, GatewayMetrics metrics, Dashboard dashboard,
           EventStreams events) {
        this.credentials = credentials;
        this.resources = resources;
        this.metrics = metrics;
        this.dashboard = dashboard;
        this.events = events;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Headers h = ex.getResponseHeaders();
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Referrer-Policy", "no-referrer");
            if (!credentials.accepts(ex.getRequestHeaders().getFirst("Authorization"))) {
                h.set("WWW-Authenticate", credentials.challenge());
                Responses.text(ex, 401, "unauthorized\n");
                return;
            }
            String method = ex.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                h.set("Allow", "GET, HEAD");
                Responses.text(ex, 405, "read-only: GET or HEAD\n");
                return;
            }
            route(ex, ex.getRequestURI().getRawPath());
        } catch (IOException e) {
            LOG.debug("http: {} {}: {}", ex.getRequestMethod(), ex.getRequestURI(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("http: {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
            try {
                Responses.text(ex, 500, "internal error\n");
            } catch (IOException | RuntimeException ignored) {
                // Headers were already sent: the client sees a cut response.
            }
        }
    }

    private void route(HttpExchange ex, String path) throws IOException {
        switch (path == null ? "" : path) {
            case "/", "/index.html" -> resource(ex, "index.html");
            case "/metrics" -> metrics(ex);
            case "/healthz" -> {
                Health health = Health.of(dashboard.gateway());
                Responses.json(ex, health.ok() ? 200 : 503, health.json());
            }
            case "/api/arrays" -> Responses.json(ex, 200, dashboard.allJson());
            case "/api/events" -> events.serve(ex);
            default -> {
                if (path.startsWith(ARRAY_PREFIX)) {
                    array(ex, path.substring(ARRAY_PREFIX.length()));
                } else if (path.startsWith(STATIC_PREFIX)) {
                    resource(ex, path.substring(STATIC_PREFIX.length()));
                } else {
                    Responses.text(ex, 404, "not found\n");
                }
            }
        }
    }

    private void array(HttpExchange ex, String id) throws IOException {
        byte[] json = ArrayConfig.ID.matcher(id).matches() ? dashboard.arrayJson(id) : null;
        if (json == null) {
            Responses.text(ex, 404, "no array " + (ArrayConfig.ID.matcher(id).matches() ? id : "of that name") + "\n");
        } else {
            Responses.json(ex, 200, json);
        }
    }

    private void resource(HttpExchange ex, String name) throws IOException {
        StaticResources.Resource r = resources.get(name);
        if (r == null) {
            Responses.text(ex, 404, "not found\n");
            return;
        }
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        if (name.equals("index.html")) {
            ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:;"
                    + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        }
        Responses.send(ex, 200, r.contentType(), r.bytes());
    }

    private void metrics(HttpExchange ex) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        metrics.scrape(out);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        Responses.send(ex, 200, metrics.contentType(), out.toByteArray());
    }
}
