package org.sensorrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.broker.EmbeddedBroker;
import org.sensorrecovery.testing.Cli;

class SimulateCommandTest {

    @TempDir
    Path dir;

    @Test
    void aBadScenarioExitsWithTwoAndNamesFileLineColumnAndField() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "array: x\nd: 4\ncount: 5\ntruth:\n  sources: [1, 0]\n");
        Cli.Result r = Cli.run("simulate", bad.toString(), "--broker", "tcp://127.0.0.1:1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("bad.yaml:5:12: truth.sources: powers must be positive, got 0.0"), r.err());
    }

    @Test
    void badOptionsExitWithTwo() {
        assertEquals(2, Cli.run("simulate", "simulators/faulty.yaml").exit(), "--broker or --capture");
        assertEquals(2, Cli.run("simulate", "simulators/faulty.yaml", "--broker", "http://x").exit());
        assertEquals(2, Cli.run("simulate", "simulators/faulty.yaml", "--capture", dir.toString(), "--count", "5",
                "--duration", "1").exit());
        assertEquals(2, Cli.run("simulate", "simulators/faulty.yaml", "--capture", dir.toString(), "--rate", "fast").exit());
    }

    @Test
    void aBrokerThatIsNotThereExitsWithOne() throws Exception {
        int port = EmbeddedBroker.freePort();
        Cli.Result r = Cli.run("simulate", "simulators/faulty.yaml", "--broker", "tcp://127.0.0.1:" + port,
                "--connect-timeout", "0.5");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("error: broker tcp://127.0.0.1:" + port + ": cannot connect"), r.err());
    }
}
