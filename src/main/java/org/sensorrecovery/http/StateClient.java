package org.sensorrecovery.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The client side of a runtime's /api/arrays (what {@code status} shows): one GET, with a bearer
 * token when the endpoint needs one, its JSON as a {@link JsonTree}.
 */
public final class StateClient {

    /** The HTTP status, and the parsed JSON when it is 200 (else null). */
    public record Response(int status, Object state) {
    }

    private StateClient() {
    }

    /**
     * /api/arrays under the endpoint's base URL (a trailing slash or not).
     *
     * @throws IllegalArgumentException when it is not an http or https URL
     */
    public static URI arraysUri(String base) {
        URI uri = URI.create(trimSlash(base) + "/api/arrays");
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("expected http://HOST:PORT");
        }
        return uri;
    }

    /** The base URL without its trailing slash. */
    public static String trimSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * GETs the URI: 3 s to connect, 5 s for the answer.
     *
     * @param bearer the token, or null or empty for none
     * @throws IOException when the endpoint cannot be reached or its JSON cannot be read
     */
    public static Response get(URI uri, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET();
        if (bearer != null && !bearer.isEmpty()) {
            req.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<byte[]> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                .send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Response(r.statusCode(), r.statusCode() == 200 ? JsonTree.parse(r.body()) : null);
    }
}
