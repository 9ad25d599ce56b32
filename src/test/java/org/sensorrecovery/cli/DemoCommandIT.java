package org.sensorrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.testing.Cli;
import org.sensorrecovery.testing.Cli.Result;

class DemoCommandIT {

    private static final Pattern SUMMARY =
            Pattern.compile("summary: (\\d+) measurements sent, (\\d+) in the last estimate, relative error (\\S+), rank 3 \\(truth 3\\)");

    @TempDir
    Path dir;

    @Test
    void settleWaitsForAnEstimateOfEveryMeasurementSent() {
        Result r = Cli.run("demo", "--duration", "2", "--rate", "500", "--settle", "60", "--data-dir", dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        Matcher m = SUMMARY.matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(m.group(1), m.group(2), "the last estimate covers every measurement sent");
        assertTrue(Double.parseDouble(m.group(3)) < 1e-2, r.out());
    }

    @Test
    void aNegativeSettleIsBadUsage() {
        Result r = Cli.run("demo", "--settle", "-1", "--data-dir", dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--settle"), r.err());
    }
}
