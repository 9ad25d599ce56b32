package org.sensorrecovery.mqtt;

import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first connect, retried with exponential backoff until it succeeds or the transport closes:
 * Paho's automatic reconnect (either version) only covers losses after a first success. One WARN
 * for the outage, not one per attempt.
 */
final class FirstConnect {

    private static final Logger LOG = LoggerFactory.getLogger(FirstConnect.class);
    /** Longest wait between two attempts; also Paho's longest reconnect delay. */
    static final int MAX_BACKOFF_MILLIS = 5_000;

    /** One connect through a Paho client, waiting for the CONNACK; throws when refused or unreachable. */
    @FunctionalInterface
    interface Attempt {
        void connect() throws Exception;
    }

    private FirstConnect() {
    }

    /** Runs on a daemon thread of its own, named for the client; interrupting it stops the retries. */
    static Thread start(String url, String clientId, Attempt attempt, BooleanSupplier closed) {
        Thread t = new Thread(() -> retry(url, attempt, closed), "mqtt-connect-" + clientId);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void retry(String url, Attempt attempt, BooleanSupplier closed) {
        long backoff = 100;
        int attempts = 0;
        while (!closed.getAsBoolean()) {
            try {
                attempt.connect();
                if (attempts > 0) {
                    LOG.info("connected to {} after {} attempts", url, attempts + 1);
                }
                return;
            } catch (Exception e) {
                if (attempts++ == 0) {
                    LOG.warn("cannot connect to {} yet ({}); retrying with backoff up to {} ms", url, e.getMessage(),
                            MAX_BACKOFF_MILLIS);
                } else {
                    LOG.debug("connect attempt {} to {} failed: {}", attempts, url, e.getMessage());
                }
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }
}
