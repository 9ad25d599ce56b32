package org.sensorrecovery.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The runtime's HTTP endpoint: dashboard, /metrics, /healthz, /api.
 *
 * @param enabled whether it is served at all
 * @param bind address to listen on; anything but loopback needs a token or a password
 * @param port TCP port (0: a free one)
 * @param token bearer token (Prometheus, status); null for none
 * @param username basic-auth user name (browsers); only with a password
 * @param password basic-auth password; null for none
 */
public record HttpConfig(boolean enabled, String bind, int port, String token, String username, String password) {

    /** What a config file gets without an http section: on, loopback, port 8080. */
    public static final HttpConfig DEFAULT = new HttpConfig(true, "127.0.0.1", 8080, null, null, null);

    /** No HTTP endpoint (the programmatic default of tests and benchmarks). */
    public static final HttpConfig OFF = new HttpConfig(false, "127.0.0.1", 8080, null, null, null);

    public static final String DEFAULT_USERNAME = "admin";

    public HttpConfig {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("bind: must be an address such as 127.0.0.1 or 0.0.0.0, got " + bind);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: must be in [0, 65535], got " + port);
        }
        if (token != null && token.length() < 16) {
            throw new IllegalArgumentException("token: must be at least 16 characters, got " + token.length());
        }
        if (password != null && password.length() < 8) {
            throw new IllegalArgumentException("password: must be at least 8 characters, got " + password.length());
        }
        if (username != null && (username.isEmpty() || username.contains(":"))) {
            throw new IllegalArgumentException("username: must be non-empty and without ':', got " + username);
        }
        if (username == null && password != null) {
            username = DEFAULT_USERNAME;
        }
        if (enabled && !loopback(bind) && token == null && password == null) {
            throw new IllegalArgumentException("bind: " + bind + " is reachable from other machines; set http.token or"
                    + " http.password (requests without them get 401), or bind 127.0.0.1");
        }
    }

    /** Whether requests must carry the token or the password. */
    public boolean requiresCredentials() {
        return token != null || password != null;
    }

    /** HOST:PORT of --http. */
    public record Address(String host, int port) {
    }

    /** The same with another address (--http HOST:PORT), switched on. */
    public HttpConfig at(Address a) {
        return new HttpConfig(true, a.host(), a.port(), token, username, password);
    }

    /** The same, switched off (--no-http). */
    public HttpConfig off() {
        return new HttpConfig(false, bind, port, token, username, password);
    }

    /** True for 127.0.0.0/8, ::1 and names that resolve only there (localhost). */
    static boolean loopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Parses HOST:PORT ([::1]:8080 for IPv6).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Address parseAddress(String hostPort) {
        int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT such as 127.0.0.1:8080, got " + hostPort);
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int p = Integer.parseInt(hostPort.substring(colon + 1));
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return new Address(host, p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + hostPort.substring(colon + 1));
        }
    }
}
