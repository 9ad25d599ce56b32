package org.sensorrecovery.mqtt;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;


/**
 * Paho's log lines, from its v3.1.1 client and its v5 client alike (their Logger interfaces are the
 * same, method for method and level for level), sent to SLF4J with the rest of the runtime's. Paho makes a logger for every
 * token, including the one of each PUBACK it sends; its default (java.util.logging) looked the
 * logger up in the LogManager each time, which was a fifth of the delivery thread's time under a
 * stream of single messages. This one only keeps the catalogue and an SLF4J logger (a map lookup).
 * Paho's severe and warning lines stay warnings an operator sees; its info and config lines, which
 * repeat what {@link PahoTransport} already reports, go to debug; its fine levels to trace.
 */
public final class PahoSlf4jLogger implements org.eclipse.paho.client.mqttv3.logging.Logger,
        org.eclipse.paho.mqttv5.client.logging.Logger {

    // Paho's levels, the same numbers in both interfaces; declared here so that neither is ambiguous.
    private static final int SEVERE = 1;
    private static final int WARNING = 2;
    private static final int INFO = 3;
    private static final int CONFIG = 4;
    private static final int FINE = 5;
    private static final int FINER = 6;
    private static final int FINEST = 7;

    private ResourceBundle catalogue;
    private org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("org.eclipse.paho");

    /** Makes both Paho clients create this logger from now on; idempotent. */
    public static void install() {
        org.eclipse.paho.client.mqttv3.logging.LoggerFactory.setLogger(PahoSlf4jLogger.class.getName());
        org.eclipse.paho.mqttv5.client.logging.LoggerFactory.setLogger(PahoSlf4jLogger.class.getName());
    }

    /** Public with no arguments: Paho instantiates its logger class by reflection. */
    public PahoSlf4jLogger() {
    }

    @Override
    public void initialise(ResourceBundle messageCatalog, String loggerID, String resourceName) {
        this.catalogue = messageCatalog;
        if (loggerID != null && !loggerID.isEmpty()) {
            this.log = org.slf4j.LoggerFactory.getLogger(loggerID);
        }
    }

    @Override
    public void setResourceName(String logContext) {
        // The client id is in our own log lines already.
    }

    @Override
    public boolean isLoggable(int level) {
        return switch (level) {
            case SEVERE, WARNING -> log.isWarnEnabled();
            case INFO, CONFIG -> log.isDebugEnabled();
            default -> log.isTraceEnabled();
        };
    }

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg) {
        log(SEVERE, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(SEVERE, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(SEVERE, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg) {
        log(WARNING, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(WARNING, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(WARNING, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg) {
        log(INFO, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(INFO, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(INFO, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg) {
        log(CONFIG, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(CONFIG, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(CONFIG, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg) {
        trace(FINE, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        trace(FINE, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable ex) {
        trace(FINE, sourceClass, sourceMethod, msg, inserts, ex);
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg) {
        trace(FINER, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        trace(FINER, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable ex) {
        trace(FINER, sourceClass, sourceMethod, msg, inserts, ex);
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg) {
        trace(FINEST, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        trace(FINEST, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable ex) {
        trace(FINEST, sourceClass, sourceMethod, msg, inserts, ex);
    }

    @Override
    public void log(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        if (!isLoggable(level)) {
            return;
        }
        String text = sourceMethod + ": " + formatMessage(msg, inserts);
        switch (level) {
            case SEVERE, WARNING -> log.warn(text, thrown);
            case INFO, CONFIG -> log.debug(text, thrown);
            default -> log.trace(text, thrown);
        }
    }

    @Override
    public void trace(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable ex) {
        log(level, sourceClass, sourceMethod, msg, inserts, ex);
    }

    /** The catalogue's text for a message key (Paho logs keys such as "117"), with its inserts. */
    @Override
    public String formatMessage(String msg, Object[] inserts) {
        String text = msg;
        if (catalogue != null && msg != null) {
            try {
                text = catalogue.getString(msg);
            } catch (MissingResourceException e) {
                text = msg;
            }
        }
        return inserts == null || inserts.length == 0 || text == null ? text : MessageFormat.format(text, inserts);
    }

    @Override
    public void dumpTrace() {
        // No trace buffer: SLF4J writes as it goes.
    }
}
