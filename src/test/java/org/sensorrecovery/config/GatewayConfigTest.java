package org.sensorrecovery.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sensorrecovery.sensing.Kind;

class GatewayConfigTest {

    @TempDir
    Path dir;

    @Test
    void everyCommittedDeviceConfigLoads() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("device-configs"))) {
            List<Path> yamls = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertTrue(yamls.size() >= 5);
            for (Path p : yamls) {
                GatewayConfig.load(p);
            }
        }
    }

    @Test
    void quickstartHasItsThreeArraysAndNoBroker() throws Exception {
        GatewayConfig c = GatewayConfig.load(Path.of("device-configs/quickstart.yaml"));
        assertNull(c.broker());
        assertEquals("sensors", c.topicPrefix());
        assertEquals(List.of("cov32", "corr64", "gauss16"), c.arrays().stream().map(ArrayConfig::id).toList());
        assertEquals(Kind.RANK_ONE, c.arrays().get(0).kind());
        assertEquals(32, c.arrays().get(0).d());
        assertEquals(0, c.arrays().get(0).rankBound());
        assertEquals(Kind.ENTRY, c.arrays().get(1).kind());
        assertEquals(64, c.arrays().get(1).d());
        assertEquals(Kind.GAUSSIAN, c.arrays().get(2).kind());
        assertEquals(Duration.ofSeconds(1), c.publishInterval());
    }

    @Test
    void commandLineOverridesReplaceBrokerAndDataDir() throws Exception {
        GatewayConfig c = GatewayConfig.load(Path.of("device-configs/quickstart.yaml"))
                .withBrokerUrl("tcp://10.0.0.2:1883").withDataDir(dir);
        assertEquals("tcp://10.0.0.2:1883", c.broker().url());
        assertEquals(dir, c.dataDir());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "zero d | arrays:\\n  - id: a\\n    kind: entry\\n    d: 0 | :4:8: arrays[0].d: must be in [1, 4096], got 0",
        "unknown kind | arrays:\\n  - id: a\\n    kind: cubic\\n    d: 4 | :3:11: arrays[0].kind: unknown kind 'cubic'",
        "typo | arrays:\\n  - id: a\\n    kind: entry\\n    dd: 4 | :4:9: arrays[0].dd: unknown field",
        "bad id | arrays:\\n  - id: a/b\\n    kind: entry\\n    d: 4 | arrays[0].id: must match",
        "duplicate id | arrays:\\n  - {id: a, kind: entry, d: 4}\\n  - {id: a, kind: entry, d: 4} | :3:10: arrays[1].id: duplicate array id a",
        "bad url | broker:\\n  url: http://x\\narrays:\\n  - {id: a, kind: entry, d: 4} | :2:8: broker.url: expected tcp://",
        "bad interval | publishInterval: soon\\narrays:\\n  - {id: a, kind: entry, d: 4} | :1:18: publishInterval: must be a duration",
        "no arrays | topicPrefix: sensors | arrays: must list at least one array",
        "bad alpha | arrays:\\n  - id: a\\n    kind: entry\\n    d: 4\\n    solver:\\n      alpha: -1 | arrays[0].solver.alpha: must be a positive number",
    })
    void invalidConfigNamesFileLineAndField(String name, String yaml, String expected) throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, yaml.replace("\\n", "\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.load(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
    }
}
