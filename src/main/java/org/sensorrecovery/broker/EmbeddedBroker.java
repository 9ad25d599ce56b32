package org.sensorrecovery.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Properties;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

/**
 * An in-process MQTT broker (Moquette 0.17) for zero-setup runs: bound to 127.0.0.1 only, never to
 * all interfaces; no websocket listener; sessions in memory (the runtime's journal, not the
 * broker, is the durable record); large enough message and session-queue limits that QoS 1
 * traffic is not dropped under load.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** Loopback only: the embedded broker is for this host's runtime and simulators. */
    public static final String HOST = "127.0.0.1";

    private final Server server = new Server();
    private final int port;

    private EmbeddedBroker(int port) {
        this.port = port;
    }

    /**
     * Starts a broker on 127.0.0.1.
     *
     * @param port TCP port, or 0 for a free one
     * @param maxMessageBytes largest MQTT message accepted
     */
    public static EmbeddedBroker start(int port, int maxMessageBytes) throws IOException {
        int actual = port == 0 ? freePort() : port;
        EmbeddedBroker broker = new EmbeddedBroker(actual);
        Properties p = new Properties();
        p.setProperty("host", HOST);
        p.setProperty("port", Integer.toString(actual));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        // mosquitto_pub/_sub and many device libraries send an empty client id with a clean session
        // (MQTT 3.1.1, 3.1.3-6): the broker assigns one. Moquette refuses them unless told otherwise.
        p.setProperty("allow_zero_byte_client_id", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("netty.mqtt.message_size", Integer.toString(maxMessageBytes + 1024));
        // No phoning home from a gateway.
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("use_metrics", "false");
        p.setProperty("use_bugsnag", "false");
        try {
            broker.server.startServer(new MemoryConfig(p));
        } catch (RuntimeException e) {
            throw new IOException("embedded MQTT broker could not start on " + HOST + ":" + actual + ": " + e.getMessage(), e);
        }
        return broker;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** The URL clients connect to. */
    public String url() {
        return "tcp://" + HOST + ":" + port;
    }

    @Override
    public void close() {
        server.stopServer();
    }

    /** A free TCP port on the loopback interface. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }
}
