package org.sensorrecovery.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConfigTest {

    private static final String ARRAYS = "arrays:\n  - id: a\n    kind: rank-one\n    d: 8\n";

    @TempDir
    Path dir;

    private GatewayConfig load(String yaml) throws Exception {
        return GatewayConfig.load(Files.writeString(dir.resolve("c.yaml"), yaml + ARRAYS));
    }

    private String error(String yaml) {
        return assertThrows(ConfigException.class, () -> load(yaml)).getMessage();
    }

    @Test
    void anUplinkTakesTheDefaultTopicAndKeepsTheLocalSolver() throws Exception {
        GatewayConfig c = load("uplink:\n  kafka:\n    bootstrap: 127.0.0.1:9092\n");
        assertEquals("127.0.0.1:9092", c.uplink().bootstrap());
        assertEquals("sensor-recovery.measurements", c.uplink().topic());
        assertTrue(c.uplink().localSolver());
        assertNull(c.source());
    }

    @Test
    void anUplinkCanNameItsTopicAndLeaveSolvingToTheCluster() throws Exception {
        GatewayConfig c = load("uplink:\n  kafka:\n    bootstrap: k1:9092,k2:9092\n    topic: site7.m\n    localSolver: false\n");
        assertEquals("site7.m", c.uplink().topic());
        assertFalse(c.uplink().localSolver());
    }

    @Test
    void aSourceJoinsTheDefaultGroup() throws Exception {
        GatewayConfig c = load("source:\n  kafka:\n    bootstrap: 127.0.0.1:9092\n");
        assertEquals("sensor-recovery", c.source().group());
        assertEquals("sensor-recovery.measurements", c.source().topic());
        assertNull(c.uplink());
        assertEquals("solvers-b", load("source:\n  kafka:\n    bootstrap: h:1\n    group: solvers-b\n").source().group());
    }

    @Test
    void aGatewayWithoutKafkaHasNeither() throws Exception {
        GatewayConfig c = load("");
        assertNull(c.uplink());
        assertNull(c.source());
    }

    @Test
    void errorsNameTheFieldAndThePlace() {
        assertTrue(error("uplink:\n  kafka:\n    topic: x\n").contains("c.yaml:3:5: uplink.kafka.bootstrap: expected host:port"),
                error("uplink:\n  kafka:\n    topic: x\n"));
        assertTrue(error("uplink:\n  kafka:\n    bootstrap: h:1\n    localSolver: maybe\n")
                .contains("c.yaml:4:18: uplink.kafka.localSolver: must be true or false, got maybe"));
        assertTrue(error("uplink:\n  kafka:\n    bootstrap: h:1\n    topic: a/b\n")
                .contains("c.yaml:4:12: uplink.kafka.topic: must be a Kafka topic name"));
        assertTrue(error("source:\n  kafka:\n    bootstrap: h:1\n    grup: x\n").contains("grup"));
        assertTrue(error("uplink:\n  kafka:\n    bootstrap: h:1\nsource:\n  kafka:\n    bootstrap: h:1\n")
                .contains("source: a runtime either forwards (uplink) or reads Kafka (source), not both"));
    }
}
