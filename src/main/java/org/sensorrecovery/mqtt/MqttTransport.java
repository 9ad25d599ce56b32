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
     * Connects, retrying in the background until connected or closed when the broker is not there
     * yet (Paho's automatic reconnect does not retry a failed first connect).
     *
     * @param timeoutMillis how long to wait for the first connection; 0 returns at once
     * @return whether connected when it returns
     */
    boolean connect(long timeoutMillis);

    /** Subscribes now if connected, and again after every reconnect. */
    void subscribe(String topicFilter, int qos, Handler handler);

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
