package org.sensorrecovery.config;

/**
 * Where a runtime meets Kafka (README, "The cluster"): the edge's uplink, or a solver member's source.
 * Validated here; the runtime loads Kafka's classes only when one of these is configured.
 */
public final class KafkaConfig {

    /** The measurements topic an uplink writes and a member reads (uplink.kafka.topic). */
    public static final String MEASUREMENTS = "sensor-recovery.measurements";
    /** The compacted topic of the members' checkpoints, key = array. */
    public static final String CHECKPOINTS = "sensor-recovery.checkpoints";
    /** The compacted topic of the latest estimate per array, key = array. */
    public static final String ESTIMATES = "sensor-recovery.estimates";
    /** The members' consumer group (source.kafka.group). */
    public static final String GROUP = "sensor-recovery";

    private KafkaConfig() {
    }

    /**
     * uplink.kafka: forward every journaled measurement to Kafka.
     *
     * @param bootstrap bootstrap.servers, host:port[,host:port...]
     * @param topic the measurements topic
     * @param localSolver whether the gateway also refines its arrays itself
     */
    public record Uplink(String bootstrap, String topic, boolean localSolver) {
        public Uplink {
            requireBootstrap("uplink.kafka.bootstrap", bootstrap);
            if (topic == null || !topic.matches("[A-Za-z0-9._-]{1,249}")) {
                throw new IllegalArgumentException("topic: must be a Kafka topic name [A-Za-z0-9._-]{1,249}, got " + topic);
            }
        }
    }

    /**
     * source.kafka: this runtime is a solver member reading the measurements topic.
     *
     * @param bootstrap bootstrap.servers
     * @param group the consumer group every member joins
     * @param topic the measurements topic
     */
    public record Source(String bootstrap, String group, String topic) {
        public Source {
            requireBootstrap("source.kafka.bootstrap", bootstrap);
            if (group == null || group.isBlank()) {
                throw new IllegalArgumentException("group: must not be empty");
            }
            if (topic == null || !topic.matches("[A-Za-z0-9._-]{1,249}")) {
                throw new IllegalArgumentException("topic: must be a Kafka topic name [A-Za-z0-9._-]{1,249}, got " + topic);
            }
        }
    }

    private static void requireBootstrap(String field, String bootstrap) {
        if (bootstrap == null || !bootstrap.matches("[^,\\s]+:\\d{1,5}(,[^,\\s]+:\\d{1,5})*")) {
            throw new IllegalArgumentException("bootstrap: expected host:port[,host:port...], got " + bootstrap);
        }
    }
}
