package org.sensorrecovery.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ResourceBundle;
import org.eclipse.paho.client.mqttv3.logging.Logger;
import org.eclipse.paho.client.mqttv3.logging.LoggerFactory;
import org.junit.jupiter.api.Test;

class PahoSlf4jLoggerTest {

    @Test
    void pahoCreatesOurLoggerOnceInstalled() {
        PahoSlf4jLogger.install();
        Logger log = LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, "org.eclipse.paho.client.mqttv3.internal.Token");
        assertEquals(PahoSlf4jLogger.class, log.getClass());
    }

    @Test
    void pahosV5ClientCreatesTheSameLoggerOnceInstalled() {
        PahoSlf4jLogger.install();
        org.eclipse.paho.mqttv5.client.logging.Logger log = org.eclipse.paho.mqttv5.client.logging.LoggerFactory.getLogger(
                org.eclipse.paho.mqttv5.client.logging.LoggerFactory.MQTT_CLIENT_MSG_CAT,
                "org.eclipse.paho.mqttv5.client.internal.ClientState");
        assertEquals(PahoSlf4jLogger.class, log.getClass());
        assertFalse(log.isLoggable(org.eclipse.paho.mqttv5.client.logging.Logger.FINE));
        assertTrue(log.isLoggable(org.eclipse.paho.mqttv5.client.logging.Logger.WARNING));
    }

    @Test
    void messageKeysAreLookedUpInPahosCatalogueAndFilledIn() {
        PahoSlf4jLogger log = new PahoSlf4jLogger();
        ResourceBundle catalogue = ResourceBundle.getBundle(LoggerFactory.MQTT_CLIENT_MSG_CAT);
        log.initialise(catalogue, "paho-test", null);
        String key = catalogue.getKeys().nextElement();
        assertEquals(catalogue.getString(key), log.formatMessage(key, null));
        assertEquals("no such key", log.formatMessage("no such key", null));
        assertEquals("a 1 b", new PahoSlf4jLogger().formatMessage("a {0} b", new Object[] {1}));
    }

    @Test
    void pahoTraceIsOffAndItsWarningsAreOnAtTheRuntimesLogLevels() {
        PahoSlf4jLogger log = new PahoSlf4jLogger();
        log.initialise(ResourceBundle.getBundle(LoggerFactory.MQTT_CLIENT_MSG_CAT), "org.eclipse.paho.client.mqttv3.internal.ClientComms", null);
        assertTrue(log.isLoggable(Logger.SEVERE));
        assertTrue(log.isLoggable(Logger.WARNING));
        assertFalse(log.isLoggable(Logger.FINE));
        assertFalse(log.isLoggable(Logger.INFO), "Paho's info lines repeat ours and go to debug");
    }
}
