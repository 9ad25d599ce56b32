package org.sensorrecovery.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.ConfigException;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.sensing.Kind;

class ScenarioReaderTest {

    static final Path SIMULATORS = Path.of("simulators");

    @TempDir
    Path dir;

    static List<Path> scenarioFiles() throws IOException {
        try (Stream<Path> files = Files.list(SIMULATORS)) {
            return files.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("gateway.yaml")).sorted().toList();
        }
    }

    @Test
    void everyCommittedScenarioFileParses() throws Exception {
        List<Path> files = scenarioFiles();
        assertEquals(6, files.size(), files.toString());
        for (Path p : files) {
            assertNotNull(ScenarioReader.load(p), p.toString());
        }
    }

    @Test
    void theCommittedScenariosAreTheOnesTheIssueAsksFor() throws Exception {
        Scenario cov = ScenarioReader.load(SIMULATORS.resolve("covariance.yaml"));
        assertEquals(Kind.RANK_ONE, cov.kind());
        assertEquals(32, cov.d());
        assertEquals(3, cov.truth().rank());
        assertEquals(30.0, cov.noise().snrDb());
        Scenario corr = ScenarioReader.load(SIMULATORS.resolve("correlation.yaml"));
        assertEquals(Kind.ENTRY, corr.kind());
        assertEquals(64, corr.d());
        assertEquals(4, corr.truth().rank());
        Scenario net = ScenarioReader.load(SIMULATORS.resolve("network.yaml"));
        assertEquals(new Scenario.Truth.Network(4), net.truth());
        assertEquals(50, net.d());
        Scenario faulty = ScenarioReader.load(SIMULATORS.resolve("faulty.yaml"));
        assertEquals(0.05, faulty.faults().outlierFraction());
        assertEquals(0.01, faulty.faults().malformedFraction());
        assertTrue(faulty.faults().duplicateFraction() > 0 && faulty.faults().reorderFraction() > 0);
        assertEquals(new Scenario.Dropout(2, 300, 2.0), faulty.faults().dropout());
        Scenario drift = ScenarioReader.load(SIMULATORS.resolve("drifting.yaml"));
        assertTrue(drift.drift().drifting());
        assertEquals(60_000, drift.count(), "duration 60s at 1000/s");
    }

    @Test
    void theSimulatorsGatewayConfigHasEveryScenariosArrayWithItsKindAndD() throws Exception {
        GatewayConfig gateway = GatewayConfig.load(SIMULATORS.resolve("gateway.yaml"));
        for (Path p : scenarioFiles()) {
            Scenario s = ScenarioReader.load(p);
            ArrayConfig a = gateway.arrays().stream().filter(x -> x.id().equals(s.array())).findFirst()
                    .orElseThrow(() -> new AssertionError("no array " + s.array() + " for " + p));
            assertEquals(s.kind(), a.kind(), p.toString());
            assertEquals(s.d(), a.d(), p.toString());
            assertEquals(s.shape(), a.shape(), p.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "zero d | array: x\\nd: 0\\ncount: 5\\ntruth: {sources: [1]} | :2:4: d: must be in [1, 4096], got 0",
        "typo | array: x\\nd: 4\\ncount: 5\\ntruth: {sources: [1]}\\nsnr: 30 | :5:6: snr: unknown field",
        "unknown kind | array: x\\nkind: cubic\\nd: 4\\ncount: 5\\ntruth: {sources: [1]} | :2:7: kind: unknown kind 'cubic'",
        "rectangular kind | array: x\\nkind: bilinear\\nd: 4\\ncount: 5\\ntruth: {sources: [1]} | :3:4: d: a bilinear X* is rows x cols: give rows and cols instead of d",
        "count and duration | array: x\\nd: 4\\ncount: 5\\nduration: 2s\\ntruth: {sources: [1]} | :4:11: duration: give count or duration, not both",
        "bad duration | array: x\\nd: 4\\nduration: soon\\ntruth: {sources: [1]} | :3:11: duration: must be a duration",
        "snr and noise | array: x\\nd: 4\\ncount: 5\\ntruth: {sources: [1]}\\nsnrDb: 30\\nnoise: 0.1 | :6:8: noise: give snrDb or noise, not both",
        "fraction | array: x\\nd: 4\\ncount: 5\\ntruth: {sources: [1]}\\nfaults:\\n  outlierFraction: 2 | :6:20: faults.outlierFraction: must be in [0, 1], got 2.0",
        "dropout device | array: x\\nd: 4\\ndevices: 2\\ncount: 5\\ntruth: {sources: [1]}\\nfaults:\\n  dropout: {device: 3, after: 1, for: 1s} | :7:21: faults.dropout.device: must be a device index in [0, 2), got 3",
        "drift planes | array: x\\nd: 4\\ncount: 5\\ntruth: {sources: [1]}\\ndrift:\\n  degreesPerSecond: 1\\n  planes: 2 | :7:11: drift.planes: must be at most the rank 1",
        "no truth | array: x\\nd: 4\\ncount: 5 | :1:1: truth: missing",
        "negative power | array: x\\nd: 4\\ncount: 5\\ntruth:\\n  sources: [1, -2] | :5:12: truth.sources: powers must be positive, got -2.0",
        "two truths | array: x\\nd: 4\\ncount: 5\\ntruth: {sources: [1], network: {hiddenUnits: 2}} | :4:8: truth: give exactly one of sources",
        "network typo | array: x\\nd: 4\\ncount: 5\\ntruth: {network: {hidden: 2}} | :4:27: truth.network.hidden: unknown field",
        "bad array id | array: a/b\\nd: 4\\ncount: 5\\ntruth: {sources: [1]} | :1:8: array: must match",
        "no array | d: 4\\ncount: 5\\ntruth: {sources: [1]} | :1:1: array: missing",
        "bad rate | array: x\\nd: 4\\nrate: fast\\ncount: 5\\ntruth: {sources: [1]} | :3:7: rate: must be a number, got fast",
    })
    void anInvalidScenarioNamesFileLineColumnAndField(String name, String yaml, String expected) throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, yaml.replace("\\n", "\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioReader.load(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
    }

    @Test
    void aMissingFileIsReportedByName() {
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioReader.load(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().endsWith("nope.yaml: no such file"), e.getMessage());
    }
}
