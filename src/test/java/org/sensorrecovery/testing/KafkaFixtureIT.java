package org.sensorrecovery.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaFixtureIT {

    @Test
    void aRecordSentBeforeAPauseIsReadAfterTheResume(@TempDir Path dir) throws Exception {
        try (Kafka kafka = Kafka.start(dir);
             KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     kafka.bootstrap()), new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     kafka.bootstrap()), new StringDeserializer(), new StringDeserializer())) {
            p.send(new ProducerRecord<>("fixture", 0, "k", "v")).get();
            kafka.pause();
            Thread.sleep(1000);
            kafka.resume();
            TopicPartition tp = new TopicPartition("fixture", 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            int read = 0;
            for (int i = 0; i < 120 && read == 0; i++) {
                ConsumerRecords<String, String> rs = c.poll(Duration.ofMillis(500));
                read += rs.count();
            }
            assertEquals(1, read);
        }
    }
}
