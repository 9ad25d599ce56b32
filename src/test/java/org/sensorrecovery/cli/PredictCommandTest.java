package org.sensorrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.simulate.SimulatedArray;
import org.sensorrecovery.testing.Cli;
import org.sensorrecovery.testing.Cli.Result;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementEncoder;

/** predict: solve's estimate in, one {"y"} per input line out; bad lines and bad estimate files. */
class PredictCommandTest {

    private static final int D = 12;

    @TempDir
    Path dir;

    private final Random rnd = new Random(21);
    private double[] truth;
    private Path estimate;

    /** A rank-2 network learnt by solve from 4 d r samples; the estimate file also holds an older line. */
    @BeforeEach
    void trainWithSolve() throws IOException {
        truth = SimulatedArray.lowRankPsd(D, new double[] {3, 1}, rnd);
        List<String> samples = new ArrayList<>();
        for (int seq = 0; seq < 4 * D * 2; seq++) {
            double[] x = gaussian();
            samples.add(new String(MeasurementEncoder.encode(new DecodedMeasurement("n", seq,
                    new Measurement.RankOne(x, SimulatedArray.quadraticForm(truth, D, x)))), StandardCharsets.UTF_8));
        }
        Result solve = Cli.run("solve", "--kind", "rank-one", "--d", String.valueOf(D),
                Files.write(dir.resolve("samples.ndjson"), samples).toString());
        assertEquals(0, solve.exit(), solve.err());
        String older = "{\"array\":\"solve\",\"d\":" + D + ",\"rank\":0,\"eigenvalues\":[],\"eigenvectors\":[]}";
        estimate = Files.write(dir.resolve("estimate.ndjson"), List.of(older, solve.lastLine(), ""));
    }

    @Test
    void predictsEachInputLineWithTheLastEstimateOfTheFile() throws IOException {
        List<double[]> xs = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            xs.add(gaussian());
            lines.add(input(xs.get(i)));
        }
        Result r = Cli.run("predict", "--estimate", estimate.toString(),
                Files.write(dir.resolve("inputs.ndjson"), lines).toString());
        assertEquals(0, r.exit(), r.err());
        List<String> out = r.out().lines().toList();
        assertEquals(20, out.size(), r.out());
        for (int i = 0; i < 20; i++) {
            double y = SimulatedArray.quadraticForm(truth, D, xs.get(i));
            // solve stops at a relative residual of 1e-10 on noise-free data: predictions to about 1e-8.
            assertEquals(y, y(out.get(i)), 1e-6 * Math.abs(y), out.get(i));
        }
        assertTrue(r.err().contains("estimate.ndjson line 2: array solve, d=12, rank 2"), r.err());
        assertTrue(r.err().contains("predicted 20 lines of "), r.err());
    }

    @Test
    void readsInputsFromStdinByDefault() {
        double[] x = gaussian();
        InputStream stdin = System.in;
        Result r;
        try {
            System.setIn(new ByteArrayInputStream((input(x) + "\n\n" + input(x) + "\n").getBytes(StandardCharsets.UTF_8)));
            r = Cli.run("predict", "--estimate", estimate.toString());
        } finally {
            System.setIn(stdin);
        }
        assertEquals(0, r.exit(), r.err());
        List<String> out = r.out().lines().toList();
        assertEquals(2, out.size(), "the blank line is skipped: " + r.out());
        double y = SimulatedArray.quadraticForm(truth, D, x);
        assertEquals(y, y(out.get(0)), 1e-6 * Math.abs(y));
    }

    @Test
    void aBadLineGetsAnErrorInItsPlaceIsReportedWithItsNumberAndTheRestArePredicted() throws IOException {
        double[] x = gaussian();
        Path inputs = Files.write(dir.resolve("mixed.ndjson"), List.of(
                input(x),
                "{\"x\": [1, 2",
                "{\"x\": [1, 2, 3]}",
                "",
                "{\"x\": [" + "NaN, ".repeat(D - 1) + "0]}",
                "{\"x\": " + Arrays.toString(x) + ", \"label\": 1}",
                input(x)));
        Result r = Cli.run("predict", "--estimate", estimate.toString(), inputs.toString());
        assertEquals(1, r.exit(), r.err());
        List<String> out = r.out().lines().toList();
        assertEquals(6, out.size(), "one line per non-blank input: " + r.out());
        assertTrue(out.get(0).startsWith("{\"y\":"), out.get(0));
        assertTrue(out.get(1).startsWith("{\"error\":\"line 2: malformed JSON"), out.get(1));
        assertEquals("{\"error\":\"line 3: x: expected 12 numbers, got 3\"}", out.get(2));
        assertEquals("{\"error\":\"line 5: x: element 0 is not finite (NaN)\"}", out.get(3));
        assertEquals("{\"error\":\"line 6: label: unknown field (expected only x)\"}", out.get(4));
        assertEquals(out.get(0), out.get(5));
        assertTrue(r.err().contains(inputs + ":2: malformed JSON"), r.err());
        assertTrue(r.err().contains(inputs + ":3: x: expected 12 numbers, got 3"), r.err());
        assertTrue(r.err().contains(inputs + ":6: label: unknown field"), r.err());
        assertTrue(r.err().contains("predicted 2 lines of " + inputs + " (4 refused)"), r.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty        | '\n\n'                                                  | empty: expected an estimate message",
        "not JSON     | 'hello\n'                                                | :1: not an estimate message: malformed JSON",
        "cut off      | '{\"d\": 2, \"eigenvalues\": [1\n'                       | :1: not an estimate message",
        "no d         | '{\"eigenvalues\": [1], \"eigenvectors\": [[1, 0]]}'     | :1: not an estimate message: d: missing",
        "no values    | '{\"d\": 2, \"rank\": 0}'                                | :1: not an estimate message: eigenvalues: missing",
        "short vector | '{\"d\": 2, \"rank\": 1, \"eigenvalues\": [1], \"eigenvectors\": [[1]]}' | :1: eigenvectors: row 0: expected 2 numbers, got 1",
        "rank         | '{\"d\": 2, \"rank\": 2, \"eigenvalues\": [1], \"eigenvectors\": [[1, 0]]}' | :1: eigenvalues: expected rank = 2 numbers, got 1",
        "rectangular  | '{\"rows\": 2, \"cols\": 3, \"rank\": 1, \"singularValues\": [1], \"left\": [[1, 0]], \"right\": [[1, 0, 0]]}' | :1: predict takes a symmetric (eigenvalues) estimate",
    })
    void anEstimateFileWithoutAUsableEstimateExitsWithTwoNamingTheFile(String name, String content, String expected)
            throws IOException {
        Path bad = Files.writeString(dir.resolve("bad-estimate.json"), content);
        Path inputs = Files.write(dir.resolve("in.ndjson"), List.of(input(gaussian())));
        Result r = Cli.run("predict", "--estimate", bad.toString(), inputs.toString());
        assertEquals(2, r.exit(), name + ": " + r.err());
        assertTrue(r.err().contains("error: --estimate: " + bad), name + ": " + r.err());
        assertTrue(r.err().contains(expected), name + ": " + r.err());
        assertEquals("", r.out(), name);
    }

    @Test
    void aPrettyPrintedEstimateOrATruthFileReadsToo() throws IOException {
        Path pretty = Files.writeString(dir.resolve("pretty.json"),
                "{\n  \"d\": 2,\n  \"rank\": 1,\n  \"eigenvalues\": [2.0],\n  \"eigenvectors\": [[0.6, 0.8]]\n}\n");
        Path inputs = Files.write(dir.resolve("in.ndjson"), List.of("{\"x\": [1, 1]}"));
        Result r = Cli.run("predict", "--estimate", pretty.toString(), inputs.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(2.0 * 1.4 * 1.4, y(r.out().strip()), 1e-12);
        Result truthFile = Cli.run("predict", "--estimate", "simulators/captures/cov32/truth.json",
                Files.write(dir.resolve("in32.ndjson"), List.of("{\"x\": [" + "0, ".repeat(31) + "0]}")).toString());
        assertEquals(0, truthFile.exit(), truthFile.err());
        assertEquals("{\"y\":0.0}", truthFile.out().strip());
    }

    @Test
    void missingFilesAndOptionsAreBadUsage() {
        Result noEstimate = Cli.run("predict", "--estimate", dir.resolve("none.ndjson").toString());
        assertEquals(2, noEstimate.exit());
        assertTrue(noEstimate.err().contains("error: --estimate: no such file: " + dir.resolve("none.ndjson")), noEstimate.err());
        Result noInput = Cli.run("predict", "--estimate", estimate.toString(), dir.resolve("none-in.ndjson").toString());
        assertEquals(2, noInput.exit());
        assertTrue(noInput.err().contains("no such file: " + dir.resolve("none-in.ndjson")), noInput.err());
        assertEquals(2, Cli.run("predict").exit(), "--estimate is required");
        assertEquals(0, Cli.run("predict", "--help").exit());
    }

    private double[] gaussian() {
        double[] x = new double[D];
        for (int i = 0; i < D; i++) {
            x[i] = rnd.nextGaussian();
        }
        return x;
    }

    private static String input(double[] x) {
        return "{\"x\": " + Arrays.toString(x) + "}";
    }

    private static double y(String line) {
        assertTrue(line.startsWith("{\"y\":") && line.endsWith("}"), line);
        return Double.parseDouble(line.substring(5, line.length() - 1));
    }
}
