package org.sensorrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.testing.Cli;
import org.sensorrecovery.testing.Cli.Result;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.wire.EstimateCodec;

class SolveCommandTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/gaussian-d16-r2.ndjson");

    @TempDir
    Path dir;



    /** The fixture was made by an independent Python implementation of the seeded-Gaussian contract. */
    @Test
    void recoversTheTruthOfTheIndependentlyGeneratedSeededGaussianFixture() throws IOException {
        Result r = Cli.run("solve", "--kind", "gaussian", "--d", "16", FIXTURE.toString());
        assertEquals(0, r.exit(), r.err());
        EstimateCodec.Message m = EstimateCodec.decode(r.lastLine().getBytes(StandardCharsets.UTF_8));
        assertEquals(2, m.rank());
        assertEquals(160, m.measurements());
        double[] truth = truth();
        double[] x = m.matrix();
        double num = 0;
        double den = 0;
        for (int i = 0; i < truth.length; i++) {
            num += (x[i] - truth[i]) * (x[i] - truth[i]);
            den += truth[i] * truth[i];
        }
        assertTrue(Math.sqrt(num / den) < 1e-6, "relative error " + Math.sqrt(num / den));
    }

    @Test
    void badLinesAreReportedWithTheirLineNumbersAndTheRestIsUsed() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(FIXTURE));
        lines.add(3, "{\"seq\": 1000, \"seed\": 5, \"y\": ");
        lines.add(6, "[{\"seq\": 1001, \"seed\": 5, \"y\": 1, \"a\": [1]}]");
        Path file = dir.resolve("with-bad-lines.ndjson");
        Files.write(file, lines);
        Result r = Cli.run("solve", "--kind", "gaussian", "--d", "16", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains(file + ":4: malformed JSON"), r.err());
        assertTrue(r.err().contains(file + ":7: a: not a field of gaussian measurements"), r.err());
        assertTrue(r.err().contains("read 160 measurements"), r.err());
        assertEquals(2, EstimateCodec.decode(r.lastLine().getBytes(StandardCharsets.UTF_8)).rank());
    }

    @Test
    void badUsageExitsWithTwoAndNoDataWithOne() throws IOException {
        assertEquals(2, Cli.run("solve", "--kind", "cubic", "--d", "4", FIXTURE.toString()).exit());
        assertEquals(2, Cli.run("solve", "--kind", "gaussian", "--d", "4", dir.resolve("missing").toString()).exit());
        assertEquals(2, Cli.run("solve", "--d", "4").exit());
        Path empty = Files.writeString(dir.resolve("bad.ndjson"), "not json\n");
        Result r = Cli.run("solve", "--kind", "gaussian", "--d", "16", empty.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no valid measurements"), r.err());
    }

    private static double[] truth() throws IOException {
        List<Double> xs = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(
                Path.of("src/test/resources/fixtures/gaussian-d16-r2.truth.json").toFile())) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && "X".equals(p.currentName())) {
                    p.nextToken();
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            xs.add(p.getDoubleValue());
                        }
                    }
                }
            }
        }
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
