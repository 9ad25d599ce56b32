package org.sensorrecovery.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.solver.Method;

/** Rectangular arrays in gateway configs: rows and cols instead of d, with errors at their place. */
class RectangularConfigTest {

    @TempDir
    Path dir;

    @Test
    void theCommittedRectangularConfigHasABilinearAndAnEntryArray() throws Exception {
        GatewayConfig c = GatewayConfig.load(Path.of("device-configs/rectangular.yaml"));
        ArrayConfig links = c.arrays().get(0);
        assertEquals(Kind.BILINEAR, links.kind());
        assertTrue(links.rectangular());
        assertEquals(48, links.rows());
        assertEquals(32, links.cols());
        assertEquals(0, links.d());
        assertEquals(32, links.width());
        assertEquals(48, links.shape().rows());
        ArrayConfig couplings = c.arrays().get(1);
        assertEquals(Kind.ENTRY, couplings.kind());
        assertTrue(couplings.rectangular());
        assertEquals(40, couplings.width());
    }

    @Test
    void anEntryArrayWithDStaysSymmetric() {
        ArrayConfig a = new ArrayConfig("corr", Kind.ENTRY, 16, 0, 100, Method.PRECOND, 1e-3, 1e-10, 50);
        assertFalse(a.rectangular());
        assertEquals(16, a.shape().cols());
        ArrayConfig square = ArrayConfig.rectangular("tx", Kind.ENTRY, 16, 16, 0, 100, Method.PRECOND, 1e-3, 1e-10, 50);
        assertTrue(square.rectangular(), "a square entry array given rows and cols is not symmetrized");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bilinear with d | arrays:\\n  - id: a\\n    kind: bilinear\\n    d: 4 | :3:11: arrays[0].kind: bilinear arrays are rectangular: give rows and cols instead of d",
        "bilinear without shape | arrays:\\n  - id: a\\n    kind: bilinear | :2:5: arrays[0].rows: missing: a rectangular array needs rows and cols",
        "no cols | arrays:\\n  - id: a\\n    kind: entry\\n    rows: 4 | :2:5: arrays[0].cols: missing",
        "zero rows | arrays:\\n  - id: a\\n    kind: bilinear\\n    rows: 0\\n    cols: 3 | :4:11: arrays[0].rows: must be in [1, 4096], got 0",
        "huge cols | arrays:\\n  - id: a\\n    kind: bilinear\\n    rows: 3\\n    cols: 5000 | :5:11: arrays[0].cols: must be in [1, 4096], got 5000",
        "d and rows | arrays:\\n  - id: a\\n    kind: entry\\n    d: 4\\n    rows: 4\\n    cols: 3 | :4:8: arrays[0].d: give d (a symmetric array) or rows and cols",
        "rank-one rows | arrays:\\n  - id: a\\n    kind: rank-one\\n    rows: 4\\n    cols: 3 | :3:11: arrays[0].kind: rank-one measures a symmetric d x d matrix",
        "rank bound | arrays:\\n  - id: a\\n    kind: bilinear\\n    rows: 5\\n    cols: 3\\n    rankBound: 4 | :6:16: arrays[0].rankBound: must be none or in [1, min(rows, cols)=3], got 4",
    })
    void invalidRectangularConfigNamesFileLineAndField(String name, String yaml, String expected) throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, yaml.replace("\\n", "\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.load(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
    }
}
