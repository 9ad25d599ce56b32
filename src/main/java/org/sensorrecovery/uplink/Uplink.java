package org.sensorrecovery.uplink;

import java.nio.file.Path;

import org.sensorrecovery.journal.ArrayJournal;

/**
 * Forwards every journaled measurement of a gateway's arrays to the shared log (DESIGN.md, "Beyond
 * one gateway"). The seam between the gateway and Kafka: the gateway holds only this interface,
 * so a gateway without an uplink loads no Kafka class ({@link KafkaUplink} is the implementation).
 */
public interface Uplink extends AutoCloseable {

    /**
     * One array the uplink forwards.
     *
     * @param position where the last journal index Kafka acknowledged is kept
     * @param retains whether the uplink applies journal retention itself (no local worker does)
     */
    record Array(String id, ArrayJournal journal, Path position, boolean retains) {
    }

    /** Journaled records of the array that Kafka has not acknowledged yet. */
    long backlog(String array);

    /** Records of the array Kafka acknowledged since start. */
    long forwarded(String array);

    /** Whether the last attempt to reach Kafka succeeded. */
    boolean connected();

    /** Stops forwarding, waits briefly for what is in flight, saves the positions. */
    @Override
    void close();
}
