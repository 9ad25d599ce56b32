package org.sensorrecovery.linalg;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * dev.ludovic.netlib's java.util.logging lines, sent to SLF4J at debug: it warns about every
 * implementation it fails to load (VectorBLAS without the incubator module, a missing native
 * library), which is expected on most machines; {@link Kernels} reports the kernel it chose.
 */
final class NetlibLog extends Handler {

    /** Held strongly: java.util.logging keeps its loggers only weakly, and a collected one loses its handler. */
    private static final Logger NETLIB = Logger.getLogger("dev.ludovic.netlib");

    private NetlibLog() {
    }

    /** Routes the netlib loggers to SLF4J; idempotent. */
    static synchronized void install() {
        for (Handler h : NETLIB.getHandlers()) {
            if (h instanceof NetlibLog) {
                return;
            }
        }
        NETLIB.setUseParentHandlers(false);
        NETLIB.setLevel(Level.ALL);
        NETLIB.addHandler(new NetlibLog());
    }

    @Override
    public void publish(LogRecord record) {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(record.getLoggerName());
        if (log.isDebugEnabled()) {
            log.debug(record.getMessage(), record.getThrown());
        }
    }

    @Override
    public void flush() {
        // Nothing buffered.
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
