package org.sensorrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.testing.Cli;
import org.sensorrecovery.testing.Cli.Result;

class ReplayPlotTest {

    @TempDir
    Path dir;

    @Test
    void replayOfflineWritesTheResidualAndErrorCurvesAndTheSpectrumOfTheCommittedCapture() throws Exception {
        Path svg = dir.resolve("cov32.svg");
        Result r = Cli.run("replay", "--offline", "simulators/captures/cov32", "--plot", svg.toString());
        assertEquals(0, r.exit(), r.err());
        String s = Files.readString(svg);
        assertTrue(s.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), s);
        assertEquals(2, s.split("<polyline").length - 1, "residual and error against truth.json");
        assertEquals(3, s.split("<circle").length - 1, "the truth's three eigenvalues");
        assertTrue(s.matches("(?s).*final spectrum: rank \\d+ \\(truth 3, dots\\).*"), "noisy: more than 3 bars; truth: 3 dots");
        assertTrue(r.err().contains("plot: " + svg), r.err());
    }

    @Test
    void plotNeedsOffline() {
        Result r = Cli.run("replay", "simulators/captures/cov32", "--broker", "tcp://127.0.0.1:1", "--plot", "x.svg");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--plot: only with --offline"), r.err());
    }
}
