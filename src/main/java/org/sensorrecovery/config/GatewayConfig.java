package org.sensorrecovery.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.sensorrecovery.journal.JournalSync;
import org.sensorrecovery.mqtt.MqttProtocol;
import org.sensorrecovery.wire.WireLimits;

/**
 * The gateway's configuration (device-configs/*.yaml), immutable and validated when loaded.
 *
 * @param runtimeId this runtime's id; MQTT client ids carry it
 * @param broker the external broker, or null to start the embedded one
 * @param embeddedPort port of the embedded broker (127.0.0.1)
 * @param dataDir journals and checkpoints
 * @param topicPrefix first topic level (default sensors)
 * @param publishInterval least time between two estimates of an array
 * @param limits message size and batch limits
 * @param retainCycles journal cycles (hours) kept once consumed
 * @param reserveBytes free disk space below which journaling stops
 * @param arrays the arrays this runtime owns
 * @param http the dashboard / metrics endpoint
 * @param journalSync when a journaled measurement may be acknowledged (journal.sync)
 * @param uplink uplink.kafka: forward journaled measurements to Kafka, or null
 * @param source source.kafka: a solver member reading Kafka instead of a broker, or null
 */
public record GatewayConfig(String runtimeId, BrokerConfig broker, int embeddedPort, Path dataDir, String topicPrefix,
                            Duration publishInterval, WireLimits limits, int retainCycles, long reserveBytes,
                            List<ArrayConfig> arrays, HttpConfig http, JournalSync journalSync,
                            KafkaConfig.Uplink uplink, KafkaConfig.Source source) {

    /** journal.sync when the config does not say: see README, "Delivery and durability". */
    public static final JournalSync DEFAULT_SYNC = JournalSync.NONE;

    public GatewayConfig {
        arrays = List.copyOf(arrays);
        if (http == null) {
            throw new IllegalArgumentException("http: required (HttpConfig.OFF for none)");
        }
        if (journalSync == null) {
            throw new IllegalArgumentException("journal.sync: required");
        }
    }

    /** Without Kafka. */
    public GatewayConfig(String runtimeId, BrokerConfig broker, int embeddedPort, Path dataDir, String topicPrefix,
                         Duration publishInterval, WireLimits limits, int retainCycles, long reserveBytes,
                         List<ArrayConfig> arrays, HttpConfig http, JournalSync journalSync) {
        this(runtimeId, broker, embeddedPort, dataDir, topicPrefix, publishInterval, limits, retainCycles, reserveBytes,
                arrays, http, journalSync, null, null);
    }

    /** With the default journal.sync. */
    public GatewayConfig(String runtimeId, BrokerConfig broker, int embeddedPort, Path dataDir, String topicPrefix,
                         Duration publishInterval, WireLimits limits, int retainCycles, long reserveBytes,
                         List<ArrayConfig> arrays, HttpConfig http) {
        this(runtimeId, broker, embeddedPort, dataDir, topicPrefix, publishInterval, limits, retainCycles, reserveBytes,
                arrays, http, DEFAULT_SYNC);
    }

    /** Without an HTTP endpoint (tests, benchmarks); a config file gets {@link HttpConfig#DEFAULT}. */
    public GatewayConfig(String runtimeId, BrokerConfig broker, int embeddedPort, Path dataDir, String topicPrefix,
                         Duration publishInterval, WireLimits limits, int retainCycles, long reserveBytes,
                         List<ArrayConfig> arrays) {
        this(runtimeId, broker, embeddedPort, dataDir, topicPrefix, publishInterval, limits, retainCycles, reserveBytes,
                arrays, HttpConfig.OFF);
    }

    /**
     * Loads and validates a config file.
     *
     * @throws ConfigException naming the file, line, column and field of the first problem
     */
    public static GatewayConfig load(Path file) throws ConfigException {
        try (Reader in = Files.newBufferedReader(file)) {
            return new ConfigReader(file.toString()).read(YamlNode.parse(in));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage().replace('\n', ' '));
        }
    }

    /** With the broker URL replaced (command-line override); null keeps the file's. */
    public GatewayConfig withBrokerUrl(String url) {
        if (url == null) {
            return this;
        }
        BrokerConfig b = broker == null ? new BrokerConfig(url, null, null, null, null, null, null, null)
                : new BrokerConfig(url, broker.clientId(), broker.username(), broker.password(), broker.trustStore(),
                        broker.trustStorePassword(), broker.keyStore(), broker.keyStorePassword(), broker.protocol());
        return new GatewayConfig(runtimeId, b, embeddedPort, dataDir, topicPrefix, publishInterval, limits, retainCycles,
                reserveBytes, arrays, http, journalSync, uplink, source);
    }

    /** With the data directory replaced (command-line override); null keeps the file's. */
    public GatewayConfig withDataDir(Path dir) {
        return dir == null ? this : new GatewayConfig(runtimeId, broker, embeddedPort, dir, topicPrefix, publishInterval,
                limits, retainCycles, reserveBytes, arrays, http, journalSync, uplink, source);
    }

    /** With the embedded broker's port replaced. */
    public GatewayConfig withEmbeddedPort(int port) {
        return new GatewayConfig(runtimeId, broker, port, dataDir, topicPrefix, publishInterval, limits, retainCycles,
                reserveBytes, arrays, http, journalSync, uplink, source);
    }

    /** With the HTTP endpoint replaced (--http, --no-http). */
    public GatewayConfig withHttp(HttpConfig h) {
        return new GatewayConfig(runtimeId, broker, embeddedPort, dataDir, topicPrefix, publishInterval, limits,
                retainCycles, reserveBytes, arrays, h, journalSync, uplink, source);
    }

    /** With journal.sync replaced. */
    public GatewayConfig withJournalSync(JournalSync sync) {
        return new GatewayConfig(runtimeId, broker, embeddedPort, dataDir, topicPrefix, publishInterval, limits,
                retainCycles, reserveBytes, arrays, http, sync, uplink, source);
    }

    /** With uplink.kafka replaced (null: none). */
    public GatewayConfig withUplink(KafkaConfig.Uplink u) {
        return new GatewayConfig(runtimeId, broker, embeddedPort, dataDir, topicPrefix, publishInterval, limits,
                retainCycles, reserveBytes, arrays, http, journalSync, u, source);
    }

    /**
     * The external broker.
     *
     * @param clientId base client id (null: the runtime id)
     * @param protocol the MQTT version spoken to it (broker.protocol)
     */
    public record BrokerConfig(String url, String clientId, String username, String password, Path trustStore,
                               String trustStorePassword, Path keyStore, String keyStorePassword, MqttProtocol protocol) {

        /**
         * broker.protocol when the config does not say: v5, whose Receive Maximum lets a stock
         * Mosquitto send a burst in flight rather than drop what overflows its queue (README, "Bursts
         * on a stock broker").
         */
        public static final MqttProtocol DEFAULT_PROTOCOL = MqttProtocol.V5;

        public BrokerConfig {
            if (protocol == null) {
                throw new IllegalArgumentException("broker.protocol: required");
            }
        }

        /** With the default protocol. */
        public BrokerConfig(String url, String clientId, String username, String password, Path trustStore,
                            String trustStorePassword, Path keyStore, String keyStorePassword) {
            this(url, clientId, username, password, trustStore, trustStorePassword, keyStore, keyStorePassword,
                    DEFAULT_PROTOCOL);
        }
    }
}
