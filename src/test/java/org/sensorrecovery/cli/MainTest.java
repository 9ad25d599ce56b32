package org.sensorrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpAndVersionSucceed() {
        Run help = run("--help");
        assertEquals(0, help.exit());
        for (String sub : new String[] {"run", "demo", "solve", "bench"}) {
            assertTrue(help.out().contains(sub), help.out());
        }
        assertEquals(0, run("run", "--help").exit());
        Run version = run("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().startsWith("sensor-recovery"), version.out());
    }

    @Test
    void badUsageExitsWithTwo() {
        assertEquals(2, run("--frobnicate").exit());
        assertEquals(2, run("run").exit());
        assertEquals(2, run("nosuchcommand").exit());
    }

    @Test
    void anInvalidConfigStopsRunWithTwoAndNamesTheLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "arrays:\n  - id: x\n    kind: entry\n    d: -3\n");
        Run r = run("run", "--config", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("bad.yaml:4:8: arrays[0].d"), r.err());
        assertEquals(2, run("run", "--config", dir.resolve("missing.yaml").toString()).exit());
    }
}
