package org.sensorrecovery.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.sensorrecovery.broker.EmbeddedBroker;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.ingest.ArrayIngest;
import org.sensorrecovery.ingest.IngestLoop;
import org.sensorrecovery.journal.ArrayJournal;
import org.sensorrecovery.journal.SpaceProbe;
import org.sensorrecovery.mqtt.MqttSettings;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.mqtt.MqttProtocol;
import org.sensorrecovery.publish.Outbox;
import org.sensorrecovery.store.BackgroundWriter;
import org.sensorrecovery.uplink.KafkaUplink;
import org.sensorrecovery.uplink.Uplink;
import org.sensorrecovery.wire.EstimateCodec;
import org.sensorrecovery.wire.MeasurementCodec;
import org.sensorrecovery.worker.ArraySolver;
import org.sensorrecovery.worker.ArrayWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: broker (embedded unless configured), one MQTT client, and per array a
 * journal, an ingest and a worker thread. Arrays share nothing but the client.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** Messages handed from the MQTT client to ingest before the client waits (far above any broker's in-flight window). */
    private static final int INBOX_CAPACITY = 65_536;

    private final GatewayConfig config;
    private final EmbeddedBroker broker;
    private final MqttTransport transport;
    private final Map<String, ArrayRuntime> arrays = new LinkedHashMap<>();
    private final Map<String, EstimateCodec.Message> truths = new ConcurrentHashMap<>();
    private final Map<String, EstimateCodec.SvdMessage> rectangularTruths = new ConcurrentHashMap<>();
    private final BackgroundWriter writer;
    private final Outbox outbox;
    private IngestLoop ingest;
    private Uplink uplink;

    /** One array's parts. */
    public record ArrayRuntime(ArrayConfig config, ArrayJournal journal, ArrayIngest ingest, ArrayWorker worker,
                               Thread thread) {
    }

    private Gateway(GatewayConfig config, EmbeddedBroker broker, MqttTransport transport) {
        this.config = config;
        this.broker = broker;
        this.transport = transport;
        this.writer = new BackgroundWriter("checkpoints-" + config.runtimeId());
        this.outbox = new Outbox(transport, config.topicPrefix(), System::nanoTime);
        if (broker != null) {
            // Moquette stores a retained message after routing it: a subscription made in between gets neither.
            broker.onSubscribe(outbox::resendEstimates);
        }
    }

    /** Starts everything; on failure, stops what was started and rethrows. */
    public static Gateway start(GatewayConfig config) throws IOException {
        EmbeddedBroker broker = config.broker() == null
                ? EmbeddedBroker.start(config.embeddedPort(), config.limits().maxMessageBytes()) : null;
        String url = broker != null ? broker.url() : config.broker().url();
        MqttTransport transport = (broker != null ? MqttProtocol.V3_1_1 : config.broker().protocol())
                .transport(mqttSettings(config, url));
        Gateway g = new Gateway(config, broker, transport);
        try {
            for (ArrayConfig a : config.arrays()) {
                g.arrays.put(a.id(), g.openArray(a));
            }
            IngestLoop ingest = new IngestLoop("ingest-" + config.runtimeId(),
                    g.arrays.values().stream().map(ArrayRuntime::ingest).toList(), INBOX_CAPACITY);
            g.ingest = ingest;
            g.outbox.start();
            ingest.start();
            for (ArrayRuntime a : g.arrays.values()) {
                transport.subscribeDeferred(g.topic(a.config().id(), "m"), 1,
                        (topic, payload, ack) -> ingest.submit(a.ingest(), payload, ack::ack));
                transport.subscribe(g.topic(a.config().id(), "truth"), 1, (topic, payload) -> g.onTruth(a.config(), payload));
            }
            if (!transport.connect(10_000)) {
                LOG.warn("broker {} not reachable yet; retrying in the background", url);
            }
            g.startUplink();
            if (config.uplink() == null || config.uplink().localSolver()) {
                g.arrays.values().forEach(a -> a.thread().start());
            }
        } catch (IOException | RuntimeException | Error e) {
            // Nothing half-started stays behind: the threads and the broker that did start stop here.
            g.close();
            throw e;
        }
        LOG.info("gateway {} running: {} arrays on {}, data in {}", config.runtimeId(), config.arrays().size(), url,
                config.dataDir());
        return g;
    }

    /** Only a configured uplink loads {@link KafkaUplink} and with it Kafka's classes. */
    private void startUplink() throws IOException {
        if (config.uplink() == null) {
            return;
        }
        boolean local = config.uplink().localSolver();
        List<Uplink.Array> forwarded = arrays.values().stream().map(a -> new Uplink.Array(a.config().id(), a.journal(),
                config.dataDir().resolve(a.config().id()).resolve("uplink.position"), !local)).toList();
        uplink = KafkaUplink.start(config.uplink(), config.runtimeId(), forwarded, writer, config.retainCycles());
    }

    /** The runtime's MQTT client settings for the broker at url (the config's credentials and TLS, if any). */
    public static MqttSettings mqttSettings(GatewayConfig c, String url) {
        GatewayConfig.BrokerConfig b = c.broker();
        String base = b != null && b.clientId() != null ? b.clientId() : c.runtimeId();
        if (b == null) {
            // The embedded broker lives and dies with this runtime: a persistent session would outlive
            // nothing, so use a clean one (Moquette 0.17 also dropped some persistent-session connects).
            return MqttSettings.plain(url, base + "-runtime").withCleanSession(true);
        }
        return new MqttSettings(url, base + "-runtime", b.username(), b.password() == null ? null : b.password().toCharArray(),
                b.trustStore(), b.trustStorePassword() == null ? null : b.trustStorePassword().toCharArray(),
                b.keyStore(), b.keyStorePassword() == null ? null : b.keyStorePassword().toCharArray(), 1000, false);
    }

    private ArrayRuntime openArray(ArrayConfig a) throws IOException {
        Path dir = config.dataDir().resolve(a.id());
        Path journalDir = dir.resolve("journal");
        ArrayJournal journal = ArrayJournal.open(journalDir, net.openhft.chronicle.queue.RollCycles.FAST_HOURLY,
                net.openhft.chronicle.core.time.SystemTimeProvider.INSTANCE, SpaceProbe.of(journalDir), config.reserveBytes(),
                config.journalSync());
        MeasurementCodec codec = new MeasurementCodec(a.shape(), config.limits());
        ArrayIngest ingest = new ArrayIngest(a.id(), codec, journal, outbox::offerRejection,
                () -> TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()), dir.resolve("ingest.state"), writer,
                config.journalSync());
        ArrayWorker worker = new ArrayWorker(a, ArraySolver.forArray(a), journal, outbox::offerEstimate, Clock.systemUTC(),
                config.publishInterval().toNanos(), dir.resolve("worker.checkpoint"), config.retainCycles(), writer);
        Thread t = new Thread(worker, "worker-" + a.id());
        return new ArrayRuntime(a, journal, ingest, worker, t);
    }

    /** A simulator's ground truth (retained, the estimate message's shape): kept for the dashboard. */
    private void onTruth(ArrayConfig a, byte[] payload) {
        if (a.rectangular()) {
            onRectangularTruth(a, payload);
            return;
        }
        try {
            EstimateCodec.Message t = EstimateCodec.decode(payload);
            if (t.d() != a.d() || t.eigenvalues().length != t.rank() || t.eigenvectors().length != t.rank()) {
                throw new IllegalArgumentException("expected d=" + a.d() + " and rank eigenvalues and eigenvectors");
            }
            truths.put(a.id(), t);
        } catch (IllegalArgumentException e) {
            LOG.warn("array {}: ignored a truth message: {}", a.id(), e.getMessage());
        }
    }

    private void onRectangularTruth(ArrayConfig a, byte[] payload) {
        try {
            EstimateCodec.SvdMessage t = EstimateCodec.decodeSvd(payload);
            if (t.rows() != a.rows() || t.cols() != a.cols()) {
                throw new IllegalArgumentException("expected " + a.rows() + " x " + a.cols() + ", got " + t.rows() + " x "
                        + t.cols());
            }
            rectangularTruths.put(a.id(), t);
        } catch (IllegalArgumentException e) {
            LOG.warn("array {}: ignored a truth message: {}", a.id(), e.getMessage());
        }
    }

    /** The latest ground truth of a rectangular array, or null when no simulator told one. */
    public EstimateCodec.SvdMessage rectangularTruth(String array) {
        return rectangularTruths.get(array);
    }

    /** The latest ground truth published for the array, or null when no simulator told one. */
    public EstimateCodec.Message truth(String array) {
        return truths.get(array);
    }

    /** MQTT reconnections since start. */
    public long reconnects() {
        return transport.reconnects();
    }

    /** Usable bytes on the data directory's file system, -1 when it cannot be told. */
    public long freeBytes() {
        return SpaceProbe.of(config.dataDir()).usableBytes();
    }

    /** {prefix}/{array}/{leaf}. */
    public String topic(String array, String leaf) {
        return config.topicPrefix() + "/" + array + "/" + leaf;
    }

    public GatewayConfig config() {
        return config;
    }

    /** The broker URL clients use. */
    public String brokerUrl() {
        return broker != null ? broker.url() : config.broker().url();
    }

    public ArrayRuntime array(String id) {
        return arrays.get(id);
    }

    public List<ArrayRuntime> arrays() {
        return new ArrayList<>(arrays.values());
    }

    /** The uplink to Kafka, or null when none is configured. */
    public Uplink uplink() {
        return uplink;
    }

    public boolean connected() {
        return transport.connected();
    }

    /** Where estimates and rejections wait for the broker. */
    public Outbox outbox() {
        return outbox;
    }

    /** Whether the ingest thread runs (false only after a failure during start or after close). */
    public boolean ingestAlive() {
        return ingest != null && ingest.alive();
    }

    /**
     * Stops in order: workers (each checkpoints and offers its last estimate), the outbox (after a
     * short wait for what it holds), the MQTT client (no more deliveries), the ingest loop (after
     * what was handed to it), ingest state, the checkpoint writer (everything on disk), journals,
     * the embedded broker.
     */
    @Override
    public void close() {
        for (ArrayRuntime a : arrays.values()) {
            a.worker().stop();
        }
        for (ArrayRuntime a : arrays.values()) {
            try {
                if (a.thread().isAlive()) {
                    a.thread().join(4_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        outbox.awaitEmpty(2_000);
        outbox.close();
        transport.close();
        if (ingest != null) {
            ingest.close();
        }
        if (uplink != null) {
            uplink.close();
        }
        for (ArrayRuntime a : arrays.values()) {
            a.ingest().save();
        }
        // Checkpoints and filters on disk (and their journal retention done) before the journals close.
        writer.close();
        for (ArrayRuntime a : arrays.values()) {
            a.journal().close();
        }
        if (broker != null) {
            broker.close();
        }
        LOG.info("gateway {} stopped", config.runtimeId());
    }
}
