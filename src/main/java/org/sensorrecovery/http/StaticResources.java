package org.sensorrecovery.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard's files, from the jar's resources: a fixed whitelist of names loaded once at
 * start. A URL path is only ever a key into this map, never a file-system or class-path path,
 * so no request can reach anything else.
 */
final class StaticResources {

    /** One file: its bytes and content type. */
    record Resource(byte[] bytes, String contentType) {
    }

    private static final String BASE = "/org/sensorrecovery/http/static/";
    private static final Map<String, String> WHITELIST = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private final Map<String, Resource> resources;

    StaticResources() {
        java.util.HashMap<String, Resource> m = new java.util.HashMap<>();
        WHITELIST.forEach((name, type) -> m.put(name, new Resource(load(name), type)));
        this.resources = Map.copyOf(m);
    }

    private static byte[] load(String name) {
        try (InputStream in = StaticResources.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard resource " + BASE + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("dashboard resource " + BASE + name, e);
        }
    }

    /** The resource of exactly this name, or null. */
    Resource get(String name) {
        return resources.get(name);
    }
}
