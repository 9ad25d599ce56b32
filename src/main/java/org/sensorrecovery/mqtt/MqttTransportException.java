package org.sensorrecovery.mqtt;

/** An MQTT operation failed; the message says which and why. */
public final class MqttTransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MqttTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
