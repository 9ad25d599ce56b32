package org.sensorrecovery.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptSubscribeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MQTT broker (Moquette 0.17) for zero-setup runs: bound to 127.0.0.1 only, never to
 * all interfaces; no websocket listener; sessions in memory (the runtime's journal, not the
 * broker, is the durable record); large enough message and session-queue limits that QoS 1
 * traffic is not dropped under load.
 *
 * <p>Moquette 0.17 runs every session on one of {@code availableProcessors()} session loops, each
 * fed by a bounded command queue ({@code session_queue_size}, default 1024). When a queue is full
 * it does not push back (no blocking, no pause of the socket's reads): it logs "Session command
 * queue ... is full" and fails the command, and for a QoS 1 PUBLISH that means no PUBACK and no
 * delivery; the device only sends it again after a reconnect. See {@link #SESSION_QUEUE_SIZE} for
 * the size chosen.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** Loopback only: the embedded broker is for this host's runtime and simulators. */
    public static final String HOST = "127.0.0.1";

    /**
     * Commands one session loop can hold. Per loop they are: a device's PUBLISH (at most its
     * in-flight window W, since its PUBACK is written when the command runs), one read-complete per
     * socket read (at most W + 1 more), the runtime's PUBACKs (at most 10, Moquette's outgoing
     * window) and their read-completes (11), and the hand-over of each message to the runtime's loop when that is
     * another loop. The device has its PUBACK once the hand-over is queued, so that backlog is
     * bounded by no window: it is the messages published while the runtime's loop waits for a CPU.
     * 2 x sum(W) + N + 21 commands hold a flood of N messages even if that loop never ran: four
     * devices with W = 1000 and N = 40000 need 48021 (measured peak 5210 to 8356). Cost: the
     * queues are allocated up front, 4 bytes a slot, 256 KB per loop.
     */
    static final int SESSION_QUEUE_SIZE = 1 << 16;

    private final Server server = new Server();
    private final int port;
    private volatile Consumer<String> subscribed = filter -> { };

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
        p.setProperty("session_queue_size", Integer.toString(SESSION_QUEUE_SIZE));
        // No phoning home from a gateway.
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("use_metrics", "false");
        p.setProperty("use_bugsnag", "false");
        try {
            broker.server.startServer(new MemoryConfig(p), List.of(broker.new SubscriptionHook()));
        } catch (RuntimeException e) {
            throw new IOException("embedded MQTT broker could not start on " + HOST + ":" + actual + ": " + e.getMessage(), e);
        }
        return broker;
    }

    /**
     * Tells the listener of every subscription once it is in place, with its topic filter: what is
     * published after that reaches the subscriber. Called on Moquette's interceptor thread.
     */
    public void onSubscribe(Consumer<String> listener) {
        this.subscribed = listener;
    }

    private final class SubscriptionHook extends AbstractInterceptHandler {
        @Override
        public String getID() {
            return "sensor-recovery-subscriptions";
        }

        @Override
        public Class<?>[] getInterceptedMessageTypes() {
            return new Class<?>[] {InterceptSubscribeMessage.class};
        }

        @Override
        public void onSubscribe(InterceptSubscribeMessage msg) {
            subscribed.accept(msg.getTopicFilter());
        }

        @Override
        public void onSessionLoopError(Throwable error) {
            LOG.error("embedded broker: a session loop failed", error);
        }
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
