package org.sensorrecovery.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.testing.Cli;
import org.sensorrecovery.testing.Mosquitto;

/** record -> replay over a real broker gives back the same measurements in the same order. */
class RecordReplayIT {

    @TempDir
    Path dir;

    @Test
    void aReplayedCaptureIsRecordedBitForBitInTheSameOrder() throws Exception {
        Path original = dir.resolve("original");
        assertEquals(0, Cli.run("import", "src/test/resources/fixtures/gaussian-d16-r2.ndjson", "--format", "ndjson",
                "--kind", "gaussian", "--d", "16", "--out", original.toString()).exit());
        try (Mosquitto broker = Mosquitto.start(dir)) {
            Path recorded = dir.resolve("recorded");
            CompletableFuture<Cli.Result> recording = CompletableFuture.supplyAsync(() -> Cli.run("record",
                    "--broker", broker.url(), "--array", "imported", "--kind", "gaussian", "--d", "16",
                    "--out", recorded.toString(), "--count", "160", "--duration", "60"));
            Thread.sleep(1500);
            Cli.Result replay = Cli.run("replay", original.toString(), "--broker", broker.url(), "--speed", "max");
            assertEquals(0, replay.exit(), replay.err());
            Cli.Result rec = recording.get(60, TimeUnit.SECONDS);
            assertEquals(0, rec.exit(), rec.err());
            List<JournalRecord> a = new ArrayList<>();
            List<JournalRecord> b = new ArrayList<>();
            Capture.forEach(original, a::add);
            Capture.forEach(recorded, b::add);
            assertEquals(160, b.size());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).device(), b.get(i).device());
                assertEquals(a.get(i).seq(), b.get(i).seq());
                assertEquals(a.get(i).measurement(), b.get(i).measurement());
            }
            assertEquals(160, CaptureManifest.read(recorded).orElseThrow().count());
        }
    }
}
