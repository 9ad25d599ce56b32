package org.sensorrecovery.cluster;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.config.KafkaConfig;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.publish.Outbox;
import org.sensorrecovery.runtime.Gateway;
import org.sensorrecovery.wire.DecodeResult;
import org.sensorrecovery.wire.MeasurementCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A solver member of the cluster (source.kafka): one consumer in the group, one thread that owns
 * the arrays of the partitions assigned to it. On assignment it restores each array from its
 * latest checkpoint and replays what follows; on revocation it writes their checkpoints first;
 * every {@value #CHECKPOINT_SECONDS} s it writes them anyway, so a member killed -9 costs its
 * successor a replay of a few seconds, never a measurement.
 */
public final class ClusterMember implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMember.class);
    private static final long CHECKPOINT_SECONDS = 2;

    private final GatewayConfig config;
    private final KafkaConfig.Source source;
    private final Map<Integer, List<ArrayConfig>> byPartition = new HashMap<>();
    private final Map<String, MeasurementCodec> codecs = new HashMap<>();
    private final Map<String, OwnedArray> owned = new LinkedHashMap<>();
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final CheckpointReader checkpoints;
    private final Outbox outbox;
    private final MqttTransport transport;
    private final Clock clock = Clock.systemUTC();
    private final Thread thread;
    private final int partitions;
    private volatile boolean running = true;
    private volatile List<ArrayView> views = List.of();
    private volatile long rebalances;
    private long lastCheckpointNanos = System.nanoTime();
    private long lastPublishNanos;

    private ClusterMember(GatewayConfig config, int[] partitions, Outbox outbox, MqttTransport transport) {
        this.transport = transport;
        this.config = config;
        this.source = config.source();
        this.partitions = partitions[0];
        this.outbox = outbox;
        for (ArrayConfig a : config.arrays()) {
            byPartition.computeIfAbsent(ClusterTopics.partition(a.id(), this.partitions), p -> new ArrayList<>()).add(a);
            codecs.put(a.id(), new MeasurementCodec(a.shape(), config.limits()));
        }
        this.consumer = new KafkaConsumer<>(MemberClients.consumer(source, config.runtimeId()));
        this.producer = new KafkaProducer<>(MemberClients.producer(source, config.runtimeId()));
        this.checkpoints = new CheckpointReader(new KafkaConsumer<>(MemberClients.reader(source, config.runtimeId())),
                partitions[1]);
        this.thread = new Thread(this::run, "member-" + config.runtimeId());
    }

    /**
     * Creates the topics when absent, joins the group and starts the member's thread; with a broker
     * in the config, estimates go to MQTT as well (retained, as from a gateway).
     */
    public static ClusterMember start(GatewayConfig config) throws IOException {
        int[] partitions;
        try (Admin admin = Admin.create(MemberClients.admin(config.source()))) {
            partitions = ClusterTopics.ensure(admin, config.source().topic());
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | KafkaException e) {
            throw new IOException("source.kafka " + config.source().bootstrap() + ": cannot set up the topics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting up the topics", e);
        }
        MqttTransport transport = config.broker() == null ? null
                : config.broker().protocol().transport(Gateway.mqttSettings(config, config.broker().url()));
        Outbox outbox = transport == null ? null : new Outbox(transport, config.topicPrefix(), System::nanoTime);
        if (transport != null) {
            outbox.start();
            if (!transport.connect(10_000)) {
                LOG.warn("broker {} not reachable yet; retrying in the background", config.broker().url());
            }
        }
        ClusterMember m = new ClusterMember(config, partitions, outbox, transport);
        m.thread.start();
        LOG.info("member {} joining group {} on {} ({} arrays configured, {} partitions)", config.runtimeId(),
                config.source().group(), config.source().bootstrap(), config.arrays().size(), partitions[0]);
        return m;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(source.topic()), new Ownership());
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    offer(r);
                }
                boolean worked = false;
                for (OwnedArray a : owned.values()) {
                    worked |= a.refine();
                }
                maybePublish();
                if (System.nanoTime() - lastCheckpointNanos >= TimeUnit.SECONDS.toNanos(CHECKPOINT_SECONDS)) {
                    checkpoint(owned.values());
                }
                snapshot();
                if (!worked) {
                    Thread.onSpinWait();
                }
            }
            checkpoint(owned.values());
            producer.flush();
        } catch (WakeupException e) {
            // close() while polling: the finally below leaves the group.
        } catch (RuntimeException e) {
            LOG.error("member {}: failed", config.runtimeId(), e);
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10)));
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void offer(ConsumerRecord<String, byte[]> r) {
        OwnedArray a = owned.get(r.key());
        if (a == null) {
            return;
        }
        DecodeResult d = codecs.get(r.key()).decode(r.value());
        if (d.accepted().size() != 1 || !d.rejected().isEmpty()) {
            a.rejected(r.offset());
            return;
        }
        a.offer(r.offset(), d.accepted().get(0));
    }

    private void maybePublish() {
        long now = System.nanoTime();
        if (now - lastPublishNanos < config.publishInterval().toNanos()) {
            return;
        }
        lastPublishNanos = now;
        for (OwnedArray a : owned.values()) {
            byte[] json = a.estimateIfChanged(clock.instant());
            if (json != null) {
                producer.send(new ProducerRecord<>(KafkaConfig.ESTIMATES, a.id(), json));
                if (outbox != null) {
                    outbox.offerEstimate(a.id(), json);
                }
            }
        }
    }

    private void checkpoint(Collection<OwnedArray> arrays) {
        lastCheckpointNanos = System.nanoTime();
        for (OwnedArray a : arrays) {
            if (a.offset() >= 0) {
                producer.send(new ProducerRecord<>(KafkaConfig.CHECKPOINTS, a.id(), a.checkpoint()));
            }
        }
    }

    private void snapshot() {
        List<ArrayView> v = new ArrayList<>(owned.size());
        for (OwnedArray a : owned.values()) {
            v.add(a.view(config.runtimeId(), ClusterTopics.partition(a.id(), partitions)));
        }
        views = List.copyOf(v);
    }

    /** Kafka's assignment decides the arrays; it calls back on the member's thread, inside poll. */
    private final class Ownership implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            List<OwnedArray> leaving = leave(revoked);
            checkpoint(leaving);
            // The next owner reads the checkpoints as soon as this returns: they must be in Kafka by then.
            producer.flush();
            if (!leaving.isEmpty()) {
                LOG.info("member {}: handed over {} arrays with their checkpoints", config.runtimeId(), leaving.size());
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            List<OwnedArray> gone = leave(lost);
            LOG.warn("member {}: lost {} arrays without a checkpoint (their next owner replays more)", config.runtimeId(),
                    gone.size());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            rebalances++;
            List<OwnedArray> fresh = new ArrayList<>();
            for (TopicPartition tp : assigned) {
                byPartition.getOrDefault(tp.partition(), List.of()).forEach(a -> fresh.add(new OwnedArray(a)));
            }
            Map<String, byte[]> saved = checkpoints.latest(fresh.stream().map(OwnedArray::id)
                    .collect(java.util.stream.Collectors.toSet()));
            for (OwnedArray a : fresh) {
                byte[] b = saved.get(a.id());
                if (b != null) {
                    a.restore(b);
                }
                owned.put(a.id(), a);
            }
            for (TopicPartition tp : assigned) {
                long from = byPartition.getOrDefault(tp.partition(), List.of()).stream()
                        .mapToLong(c -> owned.get(c.id()).seekFrom()).min().orElse(-1);
                if (from < 0) {
                    consumer.seekToEnd(List.of(tp));
                } else {
                    consumer.seek(tp, from);
                }
            }
            snapshot();
            LOG.info("member {}: took over {} arrays ({} from a checkpoint) on partitions {}", config.runtimeId(),
                    fresh.size(), saved.size(), assigned.stream().map(TopicPartition::partition).sorted().toList());
        }

        private List<OwnedArray> leave(Collection<TopicPartition> partitionsLeft) {
            List<OwnedArray> left = new ArrayList<>();
            for (TopicPartition tp : partitionsLeft) {
                for (ArrayConfig c : byPartition.getOrDefault(tp.partition(), List.of())) {
                    OwnedArray a = owned.remove(c.id());
                    if (a != null) {
                        left.add(a);
                    }
                }
            }
            snapshot();
            return left;
        }
    }

    /** The arrays this member owns now, as of its thread's last turn. */
    public List<ArrayView> arrays() {
        return views;
    }

    /** This member's id (the runtime id): the "owner" of its arrays. */
    public String id() {
        return config.runtimeId();
    }

    public GatewayConfig config() {
        return config;
    }

    /** Whether estimates reach MQTT now (false without a broker). */
    public boolean mqttConnected() {
        return transport != null && transport.connected();
    }

    /** Assignments received since start. */
    public long rebalances() {
        return rebalances;
    }

    /** Whether the member's thread runs. */
    public boolean alive() {
        return thread.isAlive();
    }

    /** Writes the checkpoints of what it owns, leaves the group (its arrays move to the others) and stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (outbox != null) {
            outbox.awaitEmpty(2_000);
            outbox.close();
            transport.close();
        }
        LOG.info("member {} stopped", config.runtimeId());
    }
}
