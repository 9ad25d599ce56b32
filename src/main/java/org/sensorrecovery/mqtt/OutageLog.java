package org.sensorrecovery.mqtt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default connection listener: one WARN when the connection is lost, one INFO with the
 * outage's length when it is back, whatever the number of reconnect attempts between.
 */
final class OutageLog implements MqttTransport.ConnectionListener {

    private static final Logger LOG = LoggerFactory.getLogger(OutageLog.class);

    private final String url;
    private volatile long lostAtNanos = -1;

    OutageLog(String url) {
        this.url = url;
    }

    @Override
    public void connectionLost(String cause) {
        lostAtNanos = System.nanoTime();
        LOG.warn("connection to {} lost: {}; reconnecting in the background", url, cause);
    }

    @Override
    public void connected() {
        long lost = lostAtNanos;
        if (lost >= 0) {
            lostAtNanos = -1;
            LOG.info("reconnected to {} after {} ms", url, (System.nanoTime() - lost) / 1_000_000);
        }
    }
}
