package org.sensorrecovery.worker;

/** Where a worker's estimates go (the MQTT estimate topic, retained; a test's list). */
@FunctionalInterface
public interface EstimatePublisher {

    /** Publishes one estimate message of the wire contract for the array. */
    void publish(String array, byte[] estimateJson);
}
