package org.sensorrecovery.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.simulate.SimulatedArray;
import org.sensorrecovery.testing.Cli;
import org.sensorrecovery.wire.EstimateCodec;

/** The capture committed under simulators/captures/cov32 (see simulators/README.md). */
class CommittedCaptureTest {

    static final Path CAPTURE = Path.of("simulators/captures/cov32");

    /**
     * simulators/README.md states it: 800 rank-one measurements at d=32, r=3, SNR 30 dB give a
     * relative error of 2.6e-2 (the noise level is 10^-1.5 = 3.2e-2); the bound leaves about 2x margin.
     */
    static final double TOLERANCE = 5e-2;

    @TempDir
    Path dir;

    @Test
    void anOfflineReplayOfTheCommittedCaptureRecoversItsTruthWithinTheStatedTolerance() throws Exception {
        Cli.Result r = Cli.run("replay", "--offline", CAPTURE.toString());
        assertEquals(0, r.exit(), r.err());
        EstimateCodec.Message m = EstimateCodec.decode(r.lastLine().getBytes(StandardCharsets.UTF_8));
        assertEquals(800, m.measurements());
        double[] truth = PortableCapture.truth(CAPTURE).orElseThrow();
        double error = SimulatedArray.relativeError(m.matrix(), truth);
        assertTrue(error < TOLERANCE, "relative error " + error);
        assertTrue(r.err().contains("final: 800 measurements"), r.err());
        assertTrue(r.err().contains("relative error"), "the error curve against truth.json: " + r.err());
    }

    @Test
    void theCommittedCaptureIsExactlyWhatTheDocumentedCommandWrites() throws Exception {
        Path again = dir.resolve("cov32");
        Cli.Result r = Cli.run("simulate", "simulators/covariance.yaml", "--capture", again.toString(), "--count", "800");
        assertEquals(0, r.exit(), r.err());
        for (String f : new String[] {PortableCapture.CSV, PortableCapture.TRUTH, CaptureManifest.FILE}) {
            assertArrayEquals(Files.readAllBytes(CAPTURE.resolve(f)), Files.readAllBytes(again.resolve(f)), f);
        }
    }

    @Test
    void theCommittedCaptureIsWellUnderAMegabyteAndHoldsNoChronicleFiles() throws Exception {
        long bytes = 0;
        try (Stream<Path> files = Files.walk(CAPTURE)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                assertFalse(p.toString().endsWith(".cq4") || p.toString().endsWith(".cq4t"), p.toString());
                bytes += Files.size(p);
            }
        }
        assertTrue(bytes < 512 * 1024, bytes + " bytes");
        assertEquals(800, CaptureManifest.read(CAPTURE).orElseThrow().count());
    }

    @Test
    void exportAndImportReadThePortableCaptureLikeAJournal() throws Exception {
        Path ndjson = dir.resolve("cov32.ndjson");
        assertEquals(0, Cli.run("export", CAPTURE.toString(), "--format", "ndjson", "--out", ndjson.toString()).exit());
        Path portable = dir.resolve("portable");
        Files.createDirectories(portable);
        Files.copy(ndjson, portable.resolve(PortableCapture.NDJSON));
        Files.copy(CAPTURE.resolve(CaptureManifest.FILE), portable.resolve(CaptureManifest.FILE));
        Path imported = dir.resolve("journaled");
        Cli.Result imp = Cli.run("import", ndjson.toString(), "--format", "ndjson", "--kind", "rank-one", "--d", "32",
                "--out", imported.toString());
        assertEquals(0, imp.exit(), imp.err());
        List<JournalRecord> csv = records(CAPTURE);
        for (Path other : new Path[] {portable, imported}) {
            List<JournalRecord> b = records(other);
            assertEquals(csv.size(), b.size());
            for (int i = 0; i < csv.size(); i++) {
                assertEquals(csv.get(i).device(), b.get(i).device());
                assertEquals(csv.get(i).seq(), b.get(i).seq());
                assertEquals(csv.get(i).measurement().y(), b.get(i).measurement().y());
                assertArrayEquals(((Measurement.RankOne) csv.get(i).measurement()).a(),
                        ((Measurement.RankOne) b.get(i).measurement()).a());
            }
        }
    }

    @Test
    void replayScoresAJournalCaptureAgainstATruthFileGivenWithTruth() throws Exception {
        Path ndjson = dir.resolve("cov32.ndjson");
        assertEquals(0, Cli.run("export", CAPTURE.toString(), "--format", "ndjson", "--out", ndjson.toString()).exit());
        Path journaled = dir.resolve("journaled");
        assertEquals(0, Cli.run("import", ndjson.toString(), "--format", "ndjson", "--kind", "rank-one", "--d", "32",
                "--out", journaled.toString()).exit());
        Cli.Result r = Cli.run("replay", "--offline", journaled.toString(), "--truth",
                CAPTURE.resolve(PortableCapture.TRUTH).toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().lines().filter(l -> l.contains("relative error")).count() >= 20, r.err());
        Cli.Result wrong = Cli.run("replay", "--offline", journaled.toString(), "--truth",
                "src/test/resources/fixtures/gaussian-d16-r2.truth.json");
        assertEquals(2, wrong.exit(), "not a truth message for d=32: " + wrong.err());
    }

    private static List<JournalRecord> records(Path capture) throws Exception {
        List<JournalRecord> out = new ArrayList<>();
        Capture.forEach(capture, out::add);
        return out;
    }
}
