package org.sensorrecovery.cli;

import org.sensorrecovery.config.HttpConfig;
import picocli.CommandLine.Option;

/** --http HOST:PORT and --no-http, shared by run and demo. */
final class HttpOptions {

    @Option(names = "--http", paramLabel = "HOST:PORT",
            description = "Serve the dashboard, /metrics and /healthz here (default: the config's http section, 127.0.0.1:8080)."
                    + " Beyond loopback the config must set http.token or http.password.")
    String address;

    @Option(names = "--no-http", description = "No HTTP endpoint.")
    boolean off;

    /** Whether --http was given. */
    boolean explicit() {
        return address != null;
    }

    /**
     * The config's http section with the options applied.
     *
     * @throws IllegalArgumentException naming the option when it is invalid
     */
    HttpConfig apply(HttpConfig c) {
        if (off && address != null) {
            throw new IllegalArgumentException("--http and --no-http: give one of them");
        }
        if (off) {
            return c.off();
        }
        if (address == null) {
            return c;
        }
        try {
            return c.at(HttpConfig.parseAddress(address));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--http: " + e.getMessage().replaceFirst("^bind: ", ""), e);
        }
    }
}
