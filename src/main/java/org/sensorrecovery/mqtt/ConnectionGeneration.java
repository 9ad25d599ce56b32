package org.sensorrecovery.mqtt;

import java.util.concurrent.atomic.AtomicInteger;

import org.sensorrecovery.mqtt.MqttTransport.Ack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a client's connects and losses, so that a message's acknowledgement is sent only on the
 * connection the message came on: after a reconnect the broker resends it under the same packet
 * id, and acknowledging the old copy then could acknowledge a newer message that reused the id.
 */
final class ConnectionGeneration {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGeneration.class);
    private static final Ack NO_ACK = () -> { };

    /** Sends one PUBACK through a Paho client (either version; each throws its own MqttException). */
    @FunctionalInterface
    interface AckSender {
        void send(int packetId, int qos) throws Exception;
    }

    private final AtomicInteger generation = new AtomicInteger();

    /** A connection was made or lost: acknowledgements made before it are void. */
    void changed() {
        generation.incrementAndGet();
    }

    /** The acknowledgement of a message that has just arrived: a no-op for QoS 0 and once the connection changed. */
    Ack ack(int packetId, int qos, AckSender sender) {
        if (qos == 0) {
            return NO_ACK;
        }
        int on = generation.get();
        return () -> {
            if (generation.get() != on) {
                return;
            }
            try {
                sender.send(packetId, qos);
            } catch (Exception e) {
                // Disconnected or closed meanwhile (Paho 1.2.5 throws a NullPointerException once
                // closed): the broker resends it on the next connection, and ingest drops the copy.
                LOG.debug("acknowledgement of message {} not sent: {}", packetId, e.getMessage());
            }
        };
    }
}
