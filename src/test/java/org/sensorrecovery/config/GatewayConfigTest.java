package org.sensorrecovery.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.sensorrecovery.mqtt.MqttProtocol;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.solver.Loss;

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
        "unsaid | '' | V5",
        "5 | '\\n  protocol: 5' | V5",
        "3.1.1 | '\\n  protocol: 3.1.1' | V3_1_1",
        "quoted | '\\n  protocol: \"3.1.1\"' | V3_1_1",
    })
    void anExternalBrokerSpeaksMqtt5UnlessTheConfigSays311(String name, String line, MqttProtocol expected) throws Exception {
        Path f = dir.resolve("broker.yaml");
        Files.writeString(f, ("broker:\\n  url: tcp://10.0.0.2:1883" + line + "\\narrays:\\n  - {id: a, kind: entry, d: 4}\\n")
                .replace("\\n", "\n"));
        assertEquals(expected, GatewayConfig.load(f).broker().protocol(), name);
    }

    @Test
    void aBrokerGivenOnTheCommandLineKeepsTheFilesProtocolOrTheDefault() throws Exception {
        assertEquals(GatewayConfig.BrokerConfig.DEFAULT_PROTOCOL, GatewayConfig.load(Path.of("device-configs/quickstart.yaml"))
                .withBrokerUrl("tcp://10.0.0.2:1883").broker().protocol());
        Path f = dir.resolve("v3.yaml");
        Files.writeString(f, "broker:\n  url: tcp://a:1883\n  protocol: 3.1.1\narrays:\n  - {id: a, kind: entry, d: 4}\n");
        assertEquals(MqttProtocol.V3_1_1, GatewayConfig.load(f).withBrokerUrl("tcp://b:1883").broker().protocol());
    }

    @Test
    void withoutAnHttpSectionTheDashboardIsOnAtLoopbackPort8080() throws Exception {
        HttpConfig h = GatewayConfig.load(Path.of("device-configs/quickstart.yaml")).http();
        assertTrue(h.enabled());
        assertEquals("127.0.0.1", h.bind());
        assertEquals(8080, h.port());
        assertFalse(h.requiresCredentials());
    }

    @Test
    void anHttpSectionBindsBeyondLoopbackOnlyWithATokenOrPassword() throws Exception {
        Path f = Files.writeString(dir.resolve("h.yaml"), "http:\n  bind: 0.0.0.0\n  port: 9100\n"
                + "  token: 0123456789abcdef0123\n  password: s3cret-pass\narrays:\n  - {id: a, kind: entry, d: 4}\n");
        HttpConfig h = GatewayConfig.load(f).http();
        assertEquals("0.0.0.0", h.bind());
        assertEquals(9100, h.port());
        assertEquals("0123456789abcdef0123", h.token());
        assertEquals(HttpConfig.DEFAULT_USERNAME, h.username());
        assertTrue(h.requiresCredentials());
        Path off = Files.writeString(dir.resolve("off.yaml"), "http:\n  enabled: false\narrays:\n  - {id: a, kind: entry, d: 4}\n");
        assertFalse(GatewayConfig.load(off).http().enabled());
    }

    @Test
    void httpAddressesParseWithIpv6Brackets() {
        assertEquals(new HttpConfig.Address("127.0.0.1", 8080), HttpConfig.parseAddress("127.0.0.1:8080"));
        assertEquals(new HttpConfig.Address("::1", 0), HttpConfig.parseAddress("[::1]:0"));
        assertThrows(IllegalArgumentException.class, () -> HttpConfig.parseAddress("localhost"));
        assertThrows(IllegalArgumentException.class, () -> HttpConfig.parseAddress("127.0.0.1:99999"));
        assertThrows(IllegalArgumentException.class, () -> HttpConfig.DEFAULT.at(new HttpConfig.Address("0.0.0.0", 8080)));
    }

    @Test
    void robustExampleFitsTheRobustLossWithAHoldout() throws Exception {
        ArrayConfig a = GatewayConfig.load(Path.of("device-configs/robust.yaml")).arrays().get(0);
        assertEquals(Loss.ROBUST, a.loss());
        assertEquals(0.1, a.solverOptions().holdout());
        assertEquals(Loss.L2, GatewayConfig.load(Path.of("device-configs/quickstart.yaml")).arrays().get(0).loss());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "zero d | arrays:\\n  - id: a\\n    kind: entry\\n    d: 0 | :4:8: arrays[0].d: must be in [1, 4096], got 0",
        "unknown kind | arrays:\\n  - id: a\\n    kind: cubic\\n    d: 4 | :3:11: arrays[0].kind: unknown kind 'cubic'",
        "typo | arrays:\\n  - id: a\\n    kind: entry\\n    dd: 4 | :4:9: arrays[0].dd: unknown field",
        "bad id | arrays:\\n  - id: a/b\\n    kind: entry\\n    d: 4 | arrays[0].id: must match",
        "duplicate id | arrays:\\n  - {id: a, kind: entry, d: 4}\\n  - {id: a, kind: entry, d: 4} | :3:10: arrays[1].id: duplicate array id a",
        "bad url | broker:\\n  url: http://x\\narrays:\\n  - {id: a, kind: entry, d: 4} | :2:8: broker.url: expected tcp://",
        "bad protocol | broker:\\n  url: tcp://x:1883\\n  protocol: 4\\narrays:\\n  - {id: a, kind: entry, d: 4} | :3:13: broker.protocol: expected 5 or 3.1.1, got 4",
        "bad interval | publishInterval: soon\\narrays:\\n  - {id: a, kind: entry, d: 4} | :1:18: publishInterval: must be a duration",
        "no arrays | topicPrefix: sensors | arrays: must list at least one array",
        "bad alpha | arrays:\\n  - id: a\\n    kind: entry\\n    d: 4\\n    solver:\\n      alpha: -1 | arrays[0].solver.alpha: must be a positive number",
        "open http | http:\\n  bind: 0.0.0.0\\narrays:\\n  - {id: a, kind: entry, d: 4} | :2:9: http.bind: 0.0.0.0 is reachable from other machines; set http.token",
        "http typo | http:\\n  prot: 8080\\narrays:\\n  - {id: a, kind: entry, d: 4} | :2:9: http.prot: unknown field",
        "http port | http:\\n  port: 70000\\narrays:\\n  - {id: a, kind: entry, d: 4} | :2:9: http.port: must be in [0, 65535]",
        "short token | http:\\n  bind: 0.0.0.0\\n  token: abc\\narrays:\\n  - {id: a, kind: entry, d: 4} | :3:10: http.token: must be at least 16 characters",
        "http enabled | http:\\n  enabled: maybe\\narrays:\\n  - {id: a, kind: entry, d: 4} | :2:12: http.enabled: must be true or false",
        "bad loss | arrays:\\n  - id: a\\n    kind: entry\\n    d: 4\\n    loss: l3 | :5:11: arrays[0].loss: unknown loss 'l3', expected l2, robust, l1 or huber",
        "bad holdout | arrays:\\n  - id: a\\n    kind: entry\\n    d: 4\\n    solver:\\n      holdout: 0.9 | :6:16: arrays[0].solver.holdout: must be in [0, 0.5], got 0.9",
    })
    void invalidConfigNamesFileLineAndField(String name, String yaml, String expected) throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, yaml.replace("\\n", "\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.load(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
    }
}
