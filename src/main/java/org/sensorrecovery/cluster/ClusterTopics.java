package org.sensorrecovery.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Utils;
import org.sensorrecovery.config.KafkaConfig;

/**
 * The cluster's three topics, created when absent: the measurements (12 partitions, time
 * retention: the edges' uplinks write them), and the compacted checkpoints and estimates (the
 * latest record per array is what matters). Which partition holds an array is Kafka's default
 * partitioner's choice, murmur2 of the key: the uplink's producer and the members agree on it.
 */
final class ClusterTopics {

    /** Partitions of each topic the members create. */
    static final int PARTITIONS = 12;

    private ClusterTopics() {
    }

    /** The partition of a topic with the given partition count that holds the array's records. */
    static int partition(String array, int partitions) {
        return Utils.toPositive(Utils.murmur2(array.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * Creates what is missing.
     *
     * @return the partition counts of the measurements and checkpoints topics
     */
    static int[] ensure(Admin admin, String measurements) throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> create = new ArrayList<>();
        if (!existing.contains(measurements)) {
            create.add(new NewTopic(measurements, Optional.of(PARTITIONS), Optional.empty()));
        }
        for (String compacted : List.of(KafkaConfig.CHECKPOINTS, KafkaConfig.ESTIMATES)) {
            if (!existing.contains(compacted)) {
                create.add(new NewTopic(compacted, Optional.of(PARTITIONS), Optional.empty()).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.SEGMENT_MS_CONFIG, Long.toString(TimeUnit.HOURS.toMillis(1)),
                        TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0")));
            }
        }
        for (NewTopic t : create) {
            try {
                admin.createTopics(List.of(t)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // Another member created it first.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return new int[] {partitions(admin, measurements), partitions(admin, KafkaConfig.CHECKPOINTS)};
    }

    /** A topic just created may not be described yet: ask again for a while. */
    private static int partitions(Admin admin, String topic) throws InterruptedException, ExecutionException,
            TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                        .partitions().size();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
