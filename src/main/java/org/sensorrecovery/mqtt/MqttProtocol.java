package org.sensorrecovery.mqtt;

/**
 * The MQTT version the runtime speaks to its broker (config {@code broker.protocol}), and the
 * transport that speaks it.
 */
public enum MqttProtocol {
    /** MQTT 3.1.1 ({@link PahoTransport}): the embedded broker's (Moquette 0.17 speaks only 3.1 and 3.1.1). */
    V3_1_1("3.1.1"),
    /** MQTT v5 ({@link Paho5Transport}): the client's Receive Maximum lets a broker send a whole burst in flight. */
    V5("5");

    private final String key;

    MqttProtocol(String key) {
        this.key = key;
    }

    /** The config value: 5 or 3.1.1. */
    public String key() {
        return key;
    }

    /** A transport of this version; it connects when asked to. */
    public MqttTransport transport(MqttSettings settings) {
        return this == V5 ? new Paho5Transport(settings) : new PahoTransport(settings);
    }

    /**
     * Parses a config value.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static MqttProtocol parse(String s) {
        for (MqttProtocol p : values()) {
            if (p.key.equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected 5 or 3.1.1, got " + s);
    }
}
