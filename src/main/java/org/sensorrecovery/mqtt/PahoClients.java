package org.sensorrecovery.mqtt;

import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Paho's two clients as {@link PahoClient}s: each inherits every method the interface names, so
 * nothing is adapted here. In-flight messages are kept in memory (the journal, not the client, is
 * the durable store).
 */
final class PahoClients {

    private PahoClients() {
    }

    /** Paho's MQTT 3.1.1 client (org.eclipse.paho.client.mqttv3). */
    static final class V3 extends org.eclipse.paho.client.mqttv3.MqttAsyncClient implements PahoClient {
        V3(String url, String clientId) throws MqttException {
            super(url, clientId, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        }
    }

    /** Paho's MQTT v5 client (org.eclipse.paho.mqttv5.client). */
    static final class V5 extends org.eclipse.paho.mqttv5.client.MqttAsyncClient implements PahoClient {
        V5(String url, String clientId) throws org.eclipse.paho.mqttv5.common.MqttException {
            super(url, clientId, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        }
    }
}
