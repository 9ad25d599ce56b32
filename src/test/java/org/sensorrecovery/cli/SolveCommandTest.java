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
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.testing.Cli;
import org.sensorrecovery.testing.Cli.Result;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.solver.Estimate;
import org.sensorrecovery.testing.Problems;
import org.sensorrecovery.testing.RectangularProblems;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.EstimateCodec;
import org.sensorrecovery.wire.MeasurementEncoder;

class SolveCommandTest {

    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/gaussian-d16-r2.ndjson");

    @TempDir
    Path dir;

    /** Writes measurements as ndjson lines of the wire contract, sent by the given devices. */
    private Path ndjson(String name, List<Measurement> ms, IntFunction<String> device) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ms.size(); i++) {
            out.append(new String(MeasurementEncoder.encode(new DecodedMeasurement(device.apply(i), i, ms.get(i))),
                    StandardCharsets.UTF_8)).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, out);
        return file;
    }

    private static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void solvesARectangularBilinearArrayAndPrintsItsSingularValueDecomposition() throws IOException {
        Random rnd = new Random(61);
        double[] x = RectangularProblems.lowRank(24, 16, Problems.ones(2), rnd);
        Path file = ndjson("bilinear.ndjson", RectangularProblems.bilinear(x, 24, 16, 6 * 40 * 2, rnd), i -> "p");
        Result r = Cli.run("solve", "--kind", "bilinear", "--rows", "24", "--cols", "16", file.toString());
        assertEquals(0, r.exit(), r.err());
        EstimateCodec.SvdMessage e = EstimateCodec.decodeSvd(lastLine(r.out()).getBytes(StandardCharsets.UTF_8));
        assertEquals(2, e.rank());
        assertTrue(Problems.relativeError(e.matrix(), x) < 1e-6, "error " + Problems.relativeError(e.matrix(), x));
        assertEquals(2, Cli.run("solve", "--kind", "bilinear", "--d", "4", "--rows", "24", "--cols", "16",
                file.toString()).exit(), "--d with --rows");
        assertEquals(2, Cli.run("solve", "--kind", "bilinear", "--rows", "24", file.toString()).exit(), "no --cols");
    }

    @Test
    void robustLossNamesTheBrokenDevice() throws IOException {
        Random rnd = new Random(62);
        int d = 12;
        double[] x = Problems.lowRankPsd(d, Problems.ones(2), rnd);
        List<Measurement> ms = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Measurement.RankOne m = Problems.rankOne(x, d, rnd, 0.0);
            ms.add(i % 8 == 5 ? new Measurement.RankOne(m.a(), 30.0 + rnd.nextDouble()) : m);
        }
        Path file = ndjson("faulty.ndjson", ms, i -> i % 8 == 5 ? "stuck" : "ok-" + (i % 2));
        Result r = Cli.run("solve", "--kind", "rank-one", "--d", "12", "--loss", "robust", file.toString());
        assertEquals(0, r.exit(), r.err());
        EstimateCodec.Message e = EstimateCodec.decode(lastLine(r.out()).getBytes(StandardCharsets.UTF_8));
        assertTrue(Problems.relativeError(e.matrix(), x) < 1e-6, "error " + Problems.relativeError(e.matrix(), x));
        assertEquals("robust", e.loss());
        assertEquals(List.of("stuck"), e.suspectDevices().stream().map(Estimate.SuspectDevice::device).toList());
        assertEquals(2, Cli.run("solve", "--kind", "rank-one", "--d", "12", "--loss", "l3", file.toString()).exit());
    }

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
