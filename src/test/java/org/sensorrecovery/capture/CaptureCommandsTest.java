package org.sensorrecovery.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.testing.Cli;
import org.sensorrecovery.testing.Cli.Result;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.journal.ArrayJournal;
import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.wire.EstimateCodec;

/** export, import and replay --offline on real capture directories. */
class CaptureCommandsTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/gaussian-d16-r2.ndjson");

    @TempDir
    Path dir;



    private static List<JournalRecord> records(Path capture) throws Exception {
        List<JournalRecord> out = new ArrayList<>();
        Capture.forEach(capture, out::add);
        return out;
    }

    @Test
    void csvExportThenImportGivesBackTheSameRecordsBitForBit() throws Exception {
        Path original = dir.resolve("original");
        try (ArrayJournal j = ArrayJournal.open(original.resolve("journal"), RollCycles.FAST_HOURLY,
                new SetTimeProvider(0).advanceMillis(1000), () -> Long.MAX_VALUE, 0)) {
            j.append(new JournalRecord(11, "a,b \"q\"", 1, new Measurement.RankOne(new double[] {Math.PI, -0.0, 1e-310}, 0.1)));
            j.append(new JournalRecord(12, "", 2, new Measurement.RankOne(new double[] {1, 2, 3}, Double.MAX_VALUE)));
        }
        Path csv = dir.resolve("x.csv");
        assertEquals(0, Cli.run("export", original.toString(), "--format", "csv", "--out", csv.toString()).exit());
        Path back = dir.resolve("back");
        Result imp = Cli.run("import", csv.toString(), "--format", "csv", "--kind", "rank-one", "--d", "3", "--out", back.toString());
        assertEquals(0, imp.exit(), imp.err());
        List<JournalRecord> a = records(original);
        List<JournalRecord> b = records(back);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).arrivalNanos(), b.get(i).arrivalNanos());
            assertEquals(a.get(i).device(), b.get(i).device());
            assertEquals(a.get(i).seq(), b.get(i).seq());
            assertEquals(Double.doubleToRawLongBits(a.get(i).measurement().y()), Double.doubleToRawLongBits(b.get(i).measurement().y()));
            assertArrayEquals(((Measurement.RankOne) a.get(i).measurement()).a(), ((Measurement.RankOne) b.get(i).measurement()).a());
        }
        assertEquals(2, CaptureManifest.read(back).orElseThrow().count());
    }

    @Test
    void ndjsonImportExportAndOfflineReplayRecoverTheFixturesTruth() throws Exception {
        Path capture = dir.resolve("cap");
        Result imp = Cli.run("import", FIXTURE.toString(), "--format", "ndjson", "--kind", "gaussian", "--d", "16",
                "--out", capture.toString());
        assertEquals(0, imp.exit(), imp.err());
        Path exported = dir.resolve("again.ndjson");
        assertEquals(0, Cli.run("export", capture.toString(), "--format", "ndjson", "--out", exported.toString()).exit());
        Path again = dir.resolve("cap2");
        assertEquals(0, Cli.run("import", exported.toString(), "--format", "ndjson", "--kind", "gaussian", "--d", "16",
                "--out", again.toString()).exit());
        List<JournalRecord> first = records(capture);
        List<JournalRecord> second = records(again);
        assertEquals(160, first.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).measurement(), second.get(i).measurement());
            assertEquals(first.get(i).seq(), second.get(i).seq());
        }
        Result replay = Cli.run("replay", "--offline", capture.toString());
        assertEquals(0, replay.exit(), replay.err());
        EstimateCodec.Message m = EstimateCodec.decode(replay.lastLine().getBytes(StandardCharsets.UTF_8));
        assertEquals(2, m.rank());
        assertEquals(2.0, m.eigenvalues()[0], 1e-6);
        assertEquals(0.75, m.eigenvalues()[1], 1e-6);
        assertTrue(replay.err().contains("relative residual"), replay.err());
    }

    @Test
    void badRowsAreReportedWithTheirLineNumbers() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"),
                "arrival_ns,device,seq,y,i,j\n1,d,1,0.5,0,1\n2,d,2,x,0,1\n3,d,3,0.5,9,1\n");
        Result r = Cli.run("import", csv.toString(), "--format", "csv", "--kind", "entry", "--d", "4", "--out",
                dir.resolve("c").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("bad.csv:3: y: not a number"), r.err());
        assertTrue(r.err().contains("bad.csv:4: i: index 9 out of range"), r.err());
        assertTrue(r.err().contains("imported 1 measurements"), r.err());
    }
}
