package org.sensorrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.capture.CaptureManifest;
import org.sensorrecovery.testing.Cli;
import org.sensorrecovery.testing.Problems;
import org.sensorrecovery.wire.EstimateCodec;

/** simulate --capture and replay --offline for a rectangular array, scored against its truth. */
class RectangularCaptureTest {

    @TempDir
    Path dir;

    private static double finalError(String err) {
        Matcher m = Pattern.compile("final: .* relative error ([0-9.e+-]+)").matcher(err);
        assertTrue(m.find(), err);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aSimulatedRectangularCaptureReplaysOfflineToItsTruth() throws Exception {
        Path capture = dir.resolve("links");
        Cli.Result sim = Cli.run("simulate", "simulators/rectangular.yaml", "--capture", capture.toString());
        assertEquals(0, sim.exit(), sim.err());
        CaptureManifest m = CaptureManifest.read(capture).orElseThrow();
        assertTrue(m.rectangular());
        assertEquals(48, m.rows());
        assertEquals(32, m.cols());
        assertTrue(Files.readString(capture.resolve("measurements.csv")).startsWith("arrival_ns,device,seq,y,a0,"));

        Cli.Result replay = Cli.run("replay", "--offline", capture.toString(), "--plot", dir.resolve("p.svg").toString());
        assertEquals(0, replay.exit(), replay.err());
        // 40 dB SNR: noise at 1e-2 of the signal, averaged over 3000 measurements of 3 (48 + 32) unknowns.
        double error = finalError(replay.err());
        assertTrue(error < 1e-2, "relative error " + error);
        EstimateCodec.SvdMessage e = EstimateCodec.decodeSvd(replay.lastLine().getBytes(StandardCharsets.UTF_8));
        assertEquals("links", e.array());
        assertEquals(3, e.rank());
        assertEquals(3000, e.measurements());
        assertTrue(Files.readString(dir.resolve("p.svg")).contains("singular value index"));
    }

    @Test
    void aNoiselessRectangularCaptureReplaysOfflineToSolverPrecisionAtRankThree() throws Exception {
        Path capture = dir.resolve("links");
        Cli.Result sim = Cli.run("simulate", "simulators/rectangular.yaml", "--capture", capture.toString(), "--noiseless");
        assertEquals(0, sim.exit(), sim.err());
        EstimateCodec.SvdMessage truth = EstimateCodec.decodeSvd(Files.readAllBytes(capture.resolve("truth.json")));
        assertEquals(48, truth.rows());
        assertEquals(32, truth.cols());
        assertArrayEquals(new double[] {3.0, 2.0, 1.0}, truth.singularValues(), 0.0);

        Cli.Result replay = Cli.run("replay", "--offline", capture.toString());
        assertEquals(0, replay.exit(), replay.err());
        // Exact y: 3000 measurements of 3 (48 + 32 - 3) unknowns leave only the solver's tolerance.
        double error = finalError(replay.err());
        assertTrue(error < 1e-6, "relative error " + error + "\n" + replay.err());
        assertTrue(replay.err().contains("measurements  relative residual"), "progress lines: " + replay.err());
        EstimateCodec.SvdMessage e = EstimateCodec.decodeSvd(replay.lastLine().getBytes(StandardCharsets.UTF_8));
        assertEquals(3, e.rank());
        assertEquals(3000, e.measurements());
        assertEquals(48, e.rows());
        assertEquals(32, e.cols());
        double fromMessage = Problems.relativeError(e.matrix(), truth.matrix());
        assertTrue(fromMessage < 1e-6, "relative error of the printed triplets " + fromMessage);
    }

    @Test
    void theSameScenarioAndSeedWriteTheSameCaptureBytes() throws Exception {
        String[] files = {"manifest.json", "measurements.csv", "truth.json"};
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path other = dir.resolve("other");
        assertEquals(0, Cli.run("simulate", "simulators/rectangular.yaml", "--capture", a.toString(), "--count", "400").exit());
        assertEquals(0, Cli.run("simulate", "simulators/rectangular.yaml", "--capture", b.toString(), "--count", "400").exit());
        assertEquals(0, Cli.run("simulate", "simulators/rectangular.yaml", "--capture", other.toString(), "--count", "400",
                "--seed", "8").exit());
        for (String f : files) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        assertFalse(Arrays.equals(Files.readAllBytes(a.resolve("measurements.csv")),
                Files.readAllBytes(other.resolve("measurements.csv"))), "another seed, other measurements");
        assertFalse(Arrays.equals(Files.readAllBytes(a.resolve("truth.json")), Files.readAllBytes(other.resolve("truth.json"))),
                "another seed, another truth");
    }

    @Test
    void anExportedRectangularCaptureImportsAndReplaysWithItsShapeGiven() throws Exception {
        Path capture = dir.resolve("links");
        assertEquals(0, Cli.run("simulate", "simulators/rectangular.yaml", "--capture", capture.toString(),
                "--count", "1500").exit());
        Path ndjson = dir.resolve("links.ndjson");
        assertEquals(0, Cli.run("export", capture.toString(), "--format", "ndjson", "--out", ndjson.toString()).exit());
        Path imported = dir.resolve("imported");
        Cli.Result imp = Cli.run("import", ndjson.toString(), "--format", "ndjson", "--kind", "bilinear", "--rows", "48",
                "--cols", "32", "--out", imported.toString());
        assertEquals(0, imp.exit(), imp.err());
        Cli.Result replay = Cli.run("replay", "--offline", imported.toString(), "--truth",
                capture.resolve("truth.json").toString());
        assertEquals(0, replay.exit(), replay.err());
        assertTrue(finalError(replay.err()) < 2e-2, replay.err());
    }

    @Test
    void aWrongShapeIsRefusedWithAReason() throws Exception {
        Path capture = dir.resolve("links");
        assertEquals(0, Cli.run("simulate", "simulators/rectangular.yaml", "--capture", capture.toString(),
                "--count", "50").exit());
        Cli.Result r = Cli.run("replay", "--offline", capture.toString(), "--rows", "40");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--truth: a 48 x 32 matrix for an array of 40 x 32"), r.err());
        Cli.Result loss = Cli.run("replay", "--offline", capture.toString(), "--loss", "bogus");
        assertEquals(2, loss.exit());
        assertTrue(loss.err().contains("error: --loss: unknown loss 'bogus'"), loss.err());
        Cli.Result square = Cli.run("import", "x.ndjson", "--format", "ndjson", "--kind", "rank-one", "--rows", "4",
                "--cols", "3", "--out", dir.resolve("i").toString());
        assertEquals(2, square.exit());
        assertTrue(square.err().contains("--kind: rank-one arrays are square"), square.err());
    }
}
