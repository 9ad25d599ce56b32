package org.sensorrecovery.mqtt;

/**
 * Our seam over an MQTT client: the runtime, the simulators and the tests talk to this, never to
 * Paho directly. Delivery is at least once (QoS 1); subscriptions survive reconnects.
 */
public interface MqttTransport extends AutoCloseable {

    /** Receives messages; must not block for long and must not throw. */
    @FunctionalInterface
    interface Handler {
        void onMessage(String topic, byte[] payload);
    }

    /**
     * Receives messages whose acknowledgement the receiver sends itself, once it has made them
     * durable: until {@link Ack#ack()} is called the broker keeps the message in the session.
     * Must not block for long and must not throw.
     */
    @FunctionalInterface
    interface DeferredHandler {
        void onMessage(String topic, byte[] payload, Ack ack);
    }

    /** The acknowledgement (PUBACK) of one received message; callable from any thread, once. */
    @FunctionalInterface
    interface Ack {
        /** Acknowledges; a no-op for QoS 0 and when the connection it came on is gone (the broker resends). */
        void ack();
    }

    /** Hears about the connection's state; called on the client's threads: must not block. */
    interface ConnectionListener {
        void connectionLost(String cause);

        void connected();
    }

    /**
     * Connects, retrying in the background until connected or closed when the broker is not there
     * yet (Paho's automatic reconnect does not retry a failed first connect).
     *
     * @param timeoutMillis how long to wait for the first connection; 0 returns at once
     * @return whether connected when it returns
     */
    boolean connect(long timeoutMillis);

    /**
     * Subscribes now if connected, and again after every reconnect; each message is acknowledged
     * once handled. Returns without waiting for the broker: see {@link #awaitSubscribed}.
     */
    void subscribe(String topicFilter, int qos, Handler handler);

    /** Subscribes as {@link #subscribe}, but the handler acknowledges each message itself. */
    void subscribeDeferred(String topicFilter, int qos, DeferredHandler handler);

    /**
     * Waits until the broker has acknowledged every subscription made so far ({@link #connect}
     * waits for those made before it): until then, a message published to a subscribed topic may
     * not reach this client.
     *
     * @return false when the time ran out or the connection is down
     */
    boolean awaitSubscribed(long timeoutMillis);

    /** Replaces the listener told of connection losses and (re)connects. */
    void connectionListener(ConnectionListener listener);

    /**
     * Publishes; blocks while too many messages are in flight.
     *
     * @throws MqttTransportException when the message cannot be handed to the client
     */
    void publish(String topic, byte[] payload, int qos, boolean retained);

    /**
     * Waits until every QoS 1 message published so far has been acknowledged by the broker.
     *
     * @return whether none is outstanding when it returns
     */
    boolean awaitDelivered(long timeoutMillis) throws InterruptedException;

    boolean connected();

    /** Reconnections since start. */
    long reconnects();

    @Override
    void close();
}
