package org.sensorrecovery.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.sensorrecovery.config.KafkaConfig;

/**
 * Reads the latest checkpoint of each array from the compacted checkpoints topic: the partitions
 * that hold the arrays, from their beginning to their end as of now. Its own consumer, outside
 * the group, on the member's thread.
 */
final class CheckpointReader {

    private final Consumer<String, byte[]> consumer;
    private final int partitions;

    CheckpointReader(Consumer<String, byte[]> consumer, int partitions) {
        this.consumer = consumer;
        this.partitions = partitions;
    }

    /** The latest checkpoint of each of the arrays that has one. */
    Map<String, byte[]> latest(Set<String> arrays) {
        List<TopicPartition> tps = new ArrayList<>();
        for (String a : arrays) {
            TopicPartition tp = new TopicPartition(KafkaConfig.CHECKPOINTS, ClusterTopics.partition(a, partitions));
            if (!tps.contains(tp)) {
                tps.add(tp);
            }
        }
        Map<String, byte[]> latest = new HashMap<>();
        if (tps.isEmpty()) {
            return latest;
        }
        consumer.assign(tps);
        consumer.seekToBeginning(tps);
        Map<TopicPartition, Long> end = consumer.endOffsets(tps, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!reached(end) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (arrays.contains(r.key())) {
                    if (r.value() == null) {
                        latest.remove(r.key());
                    } else {
                        latest.put(r.key(), r.value());
                    }
                }
            }
        }
        if (!reached(end)) {
            throw new IllegalStateException("checkpoints: not read to their end within 60 s");
        }
        consumer.unsubscribe();
        return latest;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
