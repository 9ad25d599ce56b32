package org.sensorrecovery.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sensorrecovery.config.ConfigException;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.wire.DecodeResult;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.EstimateCodec;
import org.sensorrecovery.wire.MeasurementCodec;
import org.sensorrecovery.wire.WireLimits;

/** Rectangular scenarios: a rows x cols X* of given singular values, bilinear or entry devices. */
class RectangularScenarioTest {

    @TempDir
    Path dir;

    private static Scenario noiseless(Kind kind, int rows, int cols) {
        return new Scenario("rect", "links", kind, 0, rows, cols, 5, 2, 1000, 4, 300, 0,
                new Scenario.Truth.Sources(new double[] {1.0, 3.0}), Scenario.Noise.NONE, Scenario.Faults.NONE, null);
    }

    @Test
    void theCommittedRectangularScenarioIsABilinear48By32RankThreeArray() throws Exception {
        Scenario s = ScenarioReader.load(Path.of("simulators/rectangular.yaml"));
        assertEquals(Kind.BILINEAR, s.kind());
        assertTrue(s.rectangular());
        assertEquals(48, s.rows());
        assertEquals(32, s.cols());
        assertEquals(3, s.truth().rank());
    }

    @Test
    void bilinearDevicesReportATransposeXStarB() {
        Scenario s = noiseless(Kind.BILINEAR, 7, 5);
        ScenarioStream stream = new ScenarioStream(s);
        double[] x = stream.truth().matrixAt(0);
        assertEquals(35, x.length);
        MeasurementCodec codec = new MeasurementCodec(s.shape(), WireLimits.DEFAULT);
        int seen = 0;
        while (stream.hasNext()) {
            DecodeResult r = codec.decode(stream.next().payload());
            assertTrue(r.rejected().isEmpty(), r.rejected().toString());
            for (DecodedMeasurement m : r.accepted()) {
                Measurement.Bilinear b = (Measurement.Bilinear) m.measurement();
                assertEquals(SimulatedRectangularArray.bilinearForm(x, 7, 5, b.a(), b.b()), b.y(), 1e-12);
                seen++;
            }
        }
        assertEquals(300, seen);
    }

    @Test
    void entryDevicesSampleIBelowRowsAndJBelowCols() {
        Scenario s = noiseless(Kind.ENTRY, 9, 3);
        ScenarioStream stream = new ScenarioStream(s);
        double[] x = stream.truth().matrixAt(0);
        boolean sawLastRow = false;
        while (stream.hasNext()) {
            for (DecodedMeasurement m : stream.next().measurements()) {
                Measurement.Entry e = (Measurement.Entry) m.measurement();
                assertTrue(e.i() < 9 && e.j() < 3, e.toString());
                sawLastRow |= e.i() == 8;
                assertEquals(x[e.i() * 3 + e.j()], e.y(), 1e-12);
            }
        }
        assertTrue(sawLastRow, "rows beyond cols are sampled too");
    }

    @Test
    void theTruthMessageCarriesTheSingularTripletsDescending() {
        Scenario s = noiseless(Kind.BILINEAR, 7, 5);
        ScenarioStream stream = new ScenarioStream(s);
        EstimateCodec.SvdMessage t = EstimateCodec.decodeSvd(stream.truthMessageAt(300, 299, Instant.EPOCH));
        assertEquals(7, t.rows());
        assertEquals(5, t.cols());
        assertArrayEquals(new double[] {3.0, 1.0}, t.singularValues(), 0.0);
        assertArrayEquals(stream.truth().matrixAt(0), t.matrix(), 1e-14);
    }

    @Test
    void theSameScenarioSendsTheSameBytes() {
        ScenarioStream a = new ScenarioStream(noiseless(Kind.BILINEAR, 7, 5));
        ScenarioStream b = new ScenarioStream(noiseless(Kind.BILINEAR, 7, 5));
        while (a.hasNext()) {
            assertArrayEquals(a.next().payload(), b.next().payload());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "network truth | array: x\\nkind: bilinear\\nrows: 4\\ncols: 3\\ncount: 5\\ntruth: {network: {hiddenUnits: 2}} | truth.network: a quadratic network's W W^T is symmetric",
        "d and rows | array: x\\nkind: entry\\nd: 4\\nrows: 4\\ncols: 3\\ncount: 5\\ntruth: {sources: [1]} | :3:4: d: give d (a symmetric X*) or rows and cols",
        "no rows | array: x\\nkind: bilinear\\ncols: 3\\ncount: 5\\ntruth: {sources: [1]} | :1:1: rows: missing",
        "rows out of range | array: x\\nkind: entry\\nrows: 0\\ncols: 3\\ncount: 5\\ntruth: {sources: [1]} | :3:7: rows:",
        "no cols | array: x\\nkind: bilinear\\nrows: 4\\ncount: 5\\ntruth: {sources: [1]} | :1:1: cols: missing",
        "rank-one rows | array: x\\nkind: rank-one\\nrows: 4\\ncols: 3\\ncount: 5\\ntruth: {sources: [1]} | :2:7: kind: must be bilinear or entry",
        "rank too high | array: x\\nkind: bilinear\\nrows: 4\\ncols: 2\\ncount: 5\\ntruth: {sources: [1, 1, 1]} | truth: rank 3 exceeds min(rows, cols)=2",
        "drift | array: x\\nkind: bilinear\\nrows: 4\\ncols: 3\\ncount: 5\\ntruth: {sources: [1]}\\ndrift:\\n  degreesPerSecond: 1 | drift: a rectangular X* does not drift",
    })
    void anInvalidRectangularScenarioNamesTheField(String name, String yaml, String expected) throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, yaml.replace("\\n", "\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioReader.load(f));
        assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
    }
}
