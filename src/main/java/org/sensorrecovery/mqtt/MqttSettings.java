package org.sensorrecovery.mqtt;

import java.nio.file.Path;

/**
 * How to reach a broker.
 *
 * @param url tcp://host:port or ssl://host:port
 * @param clientId stable client id (persistent session): the runtime's id plus a role
 * @param username null for anonymous
 * @param password null when there is no username
 * @param trustStore PKCS#12/JKS trust store for ssl:// (null: the JVM's default)
 * @param trustStorePassword its password
 * @param keyStore client key store for mutual TLS (null: none)
 * @param keyStorePassword its password
 * @param maxInflight QoS 1 messages in flight before publish blocks (Paho's default is 10); MQTT 3.1.1 only: on v5
 *        the broker's Receive Maximum (its CONNACK) bounds them
 * @param cleanSession false for a persistent session that keeps subscriptions and queued messages
 */
public record MqttSettings(String url, String clientId, String username, char[] password, Path trustStore,
                           char[] trustStorePassword, Path keyStore, char[] keyStorePassword, int maxInflight,
                           boolean cleanSession) {

    public MqttSettings {
        if (url == null || !(url.startsWith("tcp://") || url.startsWith("ssl://"))) {
            throw new IllegalArgumentException("broker.url: expected tcp://host:port or ssl://host:port, got " + url);
        }
        if (clientId == null || clientId.isEmpty() || clientId.length() > 128) {
            throw new IllegalArgumentException("broker.clientId: must be 1 to 128 characters, got " + clientId);
        }
        if (maxInflight < 1) {
            throw new IllegalArgumentException("maxInflight: must be at least 1, got " + maxInflight);
        }
    }

    /** Anonymous plain TCP, persistent session, 1000 in flight. */
    public static MqttSettings plain(String url, String clientId) {
        return new MqttSettings(url, clientId, null, null, null, null, null, null, 1000, false);
    }

    public MqttSettings withClientId(String id) {
        return new MqttSettings(url, id, username, password, trustStore, trustStorePassword, keyStore,
                keyStorePassword, maxInflight, cleanSession);
    }

    public MqttSettings withCleanSession(boolean clean) {
        return new MqttSettings(url, clientId, username, password, trustStore, trustStorePassword, keyStore,
                keyStorePassword, maxInflight, clean);
    }
}
