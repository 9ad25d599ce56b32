package org.sensorrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.testing.Cli;
import org.sensorrecovery.testing.Cli.Result;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;



    @Test
    void helpAndVersionSucceed() {
        Result help = Cli.run("--help");
        assertEquals(0, help.exit());
        for (String sub : new String[] {"run", "demo", "simulate", "solve", "bench"}) {
            assertTrue(help.out().contains(sub), help.out());
        }
        assertEquals(0, Cli.run("run", "--help").exit());
        Result version = Cli.run("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().startsWith("sensor-recovery"), version.out());
    }

    @Test
    void badUsageExitsWithTwo() {
        assertEquals(2, Cli.run("--frobnicate").exit());
        assertEquals(2, Cli.run("run").exit());
        assertEquals(2, Cli.run("nosuchcommand").exit());
    }

    @Test
    void anInvalidConfigStopsRunWithTwoAndNamesTheLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "arrays:\n  - id: x\n    kind: entry\n    d: -3\n");
        Result r = Cli.run("run", "--config", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("bad.yaml:4:8: arrays[0].d"), r.err());
        assertEquals(2, Cli.run("run", "--config", dir.resolve("missing.yaml").toString()).exit());
    }
}
