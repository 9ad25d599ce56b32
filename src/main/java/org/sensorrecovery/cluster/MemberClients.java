package org.sensorrecovery.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sensorrecovery.config.KafkaConfig;

/** The settings of a member's Kafka clients, in one place. */
final class MemberClients {

    /** How long a member may go silent before the group gives its arrays to the others (a kill -9 costs this). */
    static final int SESSION_TIMEOUT_MS = 10_000;

    private MemberClients() {
    }

    /** The group's consumer: cooperative-sticky (a rebalance moves only what must move), no auto-commit. */
    static Map<String, Object> consumer(KafkaConfig.Source s, String memberId) {
        Map<String, Object> c = common(s, memberId + "-source");
        c.put(ConsumerConfig.GROUP_ID_CONFIG, s.group());
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Positions come from the checkpoints, never from committed offsets; a fresh array starts at the beginning.
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, SESSION_TIMEOUT_MS / 4);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return c;
    }

    /** The checkpoint reader: outside the group, assigned partitions only. */
    static Map<String, Object> reader(KafkaConfig.Source s, String memberId) {
        Map<String, Object> c = common(s, memberId + "-checkpoints");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return c;
    }

    /** Checkpoints and estimates: idempotent, acks=all. */
    static Map<String, Object> producer(KafkaConfig.Source s, String memberId) {
        Map<String, Object> c = common(s, memberId + "-out");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return c;
    }

    static Map<String, Object> admin(KafkaConfig.Source s) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrap());
        return c;
    }

    private static Map<String, Object> common(KafkaConfig.Source s, String clientId) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrap());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return c;
    }
}
