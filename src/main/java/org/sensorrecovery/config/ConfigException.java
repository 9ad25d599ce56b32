package org.sensorrecovery.config;

/** An invalid configuration: the message names the file, the line and column, and the field. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
