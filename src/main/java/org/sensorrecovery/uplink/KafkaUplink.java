package org.sensorrecovery.uplink;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.sensorrecovery.config.KafkaConfig;
import org.sensorrecovery.store.BackgroundWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uplink to Kafka: one idempotent producer ({@code acks=all}) and one thread that drives every
 * array's {@link ArrayForwarder} in turn, saving their acknowledged positions every second. While
 * Kafka is unreachable the journals are the buffer; the thread keeps trying and catches up.
 */
public final class KafkaUplink implements Uplink {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaUplink.class);
    private static final int BATCH = 2048;
    private static final long SAVE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Map<String, ArrayForwarder> forwarders = new LinkedHashMap<>();
    private final Producer<byte[], byte[]> producer;
    private final BackgroundWriter writer;
    private final int retainCycles;
    private final Thread thread;
    private final CountDownLatch opened = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean connected = true;

    private KafkaUplink(Producer<byte[], byte[]> producer, List<Uplink.Array> arrays, String topic,
                        BackgroundWriter writer, int retainCycles, String name) {
        this.producer = producer;
        this.writer = writer;
        this.retainCycles = retainCycles;
        for (Uplink.Array a : arrays) {
            forwarders.put(a.id(), new ArrayForwarder(a, topic));
        }
        this.thread = new Thread(this::run, name);
    }

    /**
     * Starts forwarding the arrays' journals to config's topic.
     *
     * @param clientId the producer's client id (the runtime id)
     * @param writer writes the positions off the uplink thread
     */
    public static Uplink start(KafkaConfig.Uplink config, String clientId, List<Uplink.Array> arrays,
                               BackgroundWriter writer, int retainCycles) throws IOException {
        KafkaUplink u = new KafkaUplink(new KafkaProducer<>(producerConfig(config, clientId)), arrays, config.topic(),
                writer, retainCycles, "uplink-" + clientId);
        u.thread.start();
        try {
            u.opened.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!u.thread.isAlive()) {
            u.close();
            throw new IOException("uplink: cannot open the journals' positions (see the log)");
        }
        LOG.info("uplink to Kafka {} topic {}: {} arrays", config.bootstrap(), config.topic(), arrays.size());
        return u;
    }

    static Map<String, Object> producerConfig(KafkaConfig.Uplink c, String clientId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrap());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-uplink");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // send() waits at most this long for metadata while Kafka is away; the journal holds the rest.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }

    private void run() {
        List<ArrayForwarder> all = new ArrayList<>(forwarders.values());
        try {
            // Chronicle tailers belong to one thread: open them on the uplink's own.
            for (ArrayForwarder f : all) {
                f.open();
            }
        } catch (IOException e) {
            LOG.error("uplink: {}", e.getMessage());
            return;
        } finally {
            opened.countDown();
        }
        long lastSave = System.nanoTime();
        while (running) {
            int sent = 0;
            boolean refused = false;
            for (ArrayForwarder f : all) {
                int n = f.forward(producer, BATCH);
                refused |= n < 0;
                sent += Math.max(0, n);
            }
            connected = !refused;
            if (System.nanoTime() - lastSave >= SAVE_EVERY_NANOS) {
                all.forEach(f -> f.save(writer, retainCycles));
                lastSave = System.nanoTime();
            }
            if (sent == 0) {
                pause(refused ? 500 : 5);
            }
        }
        all.forEach(ArrayForwarder::close);
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long backlog(String array) {
        ArrayForwarder f = forwarders.get(array);
        return f == null ? 0 : f.backlog();
    }

    @Override
    public long forwarded(String array) {
        ArrayForwarder f = forwarders.get(array);
        return f == null ? 0 : f.forwarded();
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Whatever is still unacknowledged stays in the journal: the next start sends it again.
        producer.close(Duration.ofSeconds(2));
        forwarders.values().forEach(f -> f.save(writer, retainCycles));
    }
}
