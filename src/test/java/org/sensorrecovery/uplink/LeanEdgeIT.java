package org.sensorrecovery.uplink;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.broker.EmbeddedBroker;
import org.sensorrecovery.testing.RuntimeProcess;

/** The edge path stays lean: the packaged gateway loads Kafka's classes only when an uplink is configured. */
class LeanEdgeIT {

    @TempDir
    Path dir;

    private RuntimeProcess gateway(String name, String uplink) throws Exception {
        int http = EmbeddedBroker.freePort();
        Path config = Files.writeString(dir.resolve(name + ".yaml"), "runtimeId: " + name + "\nembeddedBroker:\n  port: "
                + EmbeddedBroker.freePort() + "\ndataDir: " + dir.resolve(name) + "\nhttp:\n  port: " + http + "\n" + uplink
                + "arrays:\n  - id: a\n    kind: rank-one\n    d: 8\n");
        RuntimeProcess p = RuntimeProcess.start(config, http, "-verbose:class");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.arrayIds().isEmpty()) {
            assertTrue(p.alive() && System.nanoTime() < deadline, () -> "gateway did not come up: " + log(p));
            Thread.sleep(200);
        }
        // Every endpoint once, so that whatever they load is loaded.
        assertTrue(p.get("/healthz").status() == 200 && p.get("/metrics").status() == 200, () -> log(p));
        return p;
    }

    private static String log(RuntimeProcess p) {
        try {
            return p.log();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void aGatewayWithoutUplinkLoadsNoKafkaClassAndOneWithAnUnreachableKafkaStillRuns() throws Exception {
        try (RuntimeProcess plain = gateway("plain", "")) {
            assertFalse(plain.log().contains("org.apache.kafka."), "a Kafka class was loaded without uplink");
            assertTrue(plain.log().contains("org.sensorrecovery.runtime.Gateway "), "-verbose:class lists the classes");
        }
        // Nothing listens on the port: the gateway runs, journals, and the uplink keeps trying.
        try (RuntimeProcess uplinked = gateway("uplinked", "uplink:\n  kafka:\n    bootstrap: 127.0.0.1:"
                + EmbeddedBroker.freePort() + "\n")) {
            assertTrue(uplinked.log().contains("org.apache.kafka.clients.producer.KafkaProducer "), log(uplinked));
        }
    }
}
