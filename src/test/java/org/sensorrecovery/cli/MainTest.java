package org.sensorrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
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
    void aSubcommandAloneReadsAsInTheWholeTree() {
        assertEquals(List.of(SolveCommand.class), Main.subcommandsFor("solve", "--d", "3"));
        assertEquals(12, Main.subcommandsFor("help", "solve").size());
        assertEquals(12, Main.subcommandsFor("--help").size());
        CommandLine whole = new CommandLine(new Main());
        Main.subcommandsFor().forEach(whole::addSubcommand);
        for (String sub : new String[] {"solve", "replay", "bench"}) {
            StringWriter usage = new StringWriter();
            whole.getSubcommands().get(sub).usage(new PrintWriter(usage, true));
            assertEquals(usage.toString(), Cli.run(sub, "--help").out());
        }
        Result bad = Cli.run("solve", "--kind", "rank-one", "--frobnicate");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("error: Unknown option: '--frobnicate'"), bad.err());
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
