package org.sensorrecovery.mqtt;

/**
 * The calls {@link PahoClientTransport} makes on a Paho client of either version. Paho's v3.1.1
 * and v5 MqttAsyncClient both declare these methods with these names and parameters (each with
 * its own token and exception types), so a subclass of either client implements this interface
 * without a line of its own.
 */
interface PahoClient {

    boolean isConnected();

    void setManualAcks(boolean manualAcks);

    /** Sends the PUBACK of a message received with this packet id. */
    void messageArrivedComplete(int messageId, int qos) throws Exception;

    /**
     * @return the delivery token
     * @throws Exception the client's MqttException, REASON_CODE_MAX_INFLIGHT when its window is full
     */
    Object publish(String topic, byte[] payload, int qos, boolean retained) throws Exception;

    /** Waits up to quiesceTimeout for work in flight, then sends DISCONNECT and waits up to disconnectTimeout. */
    void disconnectForcibly(long quiesceTimeout, long disconnectTimeout, boolean sendDisconnectPacket) throws Exception;

    void close(boolean force) throws Exception;

    /** Makes a client for a broker URL and client id. */
    @FunctionalInterface
    interface Maker<C extends PahoClient> {
        C make(String url, String clientId) throws Exception;
    }
}
