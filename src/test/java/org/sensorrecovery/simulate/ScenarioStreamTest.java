package org.sensorrecovery.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.wire.ArrayShape;
import org.sensorrecovery.wire.DecodeResult;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementCodec;
import org.sensorrecovery.wire.WireLimits;

/** The generator behind `simulate`: deterministic, and every message is what it says it is. */
class ScenarioStreamTest {

    private static Scenario load(String name) throws Exception {
        return ScenarioReader.load(Path.of("simulators", name));
    }

    private static List<Outgoing> all(Scenario s) {
        List<Outgoing> out = new ArrayList<>();
        new ScenarioStream(s).forEachRemaining(out::add);
        return out;
    }

    @Test
    void theSameSeedGivesTheSameMessagesByteForByte() throws Exception {
        Scenario s = load("faulty.yaml").withCount(2000);
        List<Outgoing> a = all(s);
        List<Outgoing> b = all(s);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).type(), b.get(i).type(), "message " + i);
            assertEquals(a.get(i).device(), b.get(i).device(), "message " + i);
            assertArrayEquals(a.get(i).payload(), b.get(i).payload(), "message " + i);
        }
    }

    @Test
    void anotherSeedGivesOtherMeasurements() throws Exception {
        Scenario s = load("covariance.yaml").withCount(10);
        assertFalse(Arrays.equals(all(s).get(0).payload(), all(s.withSeed(99)).get(0).payload()));
    }

    @Test
    void everyValidMeasurementGoesOutOnceAndEachFaultIsAMessageOfItsOwn() throws Exception {
        Scenario s = load("faulty.yaml");
        MeasurementCodec codec = new MeasurementCodec(ArrayShape.square(s.kind(), s.d()), WireLimits.DEFAULT);
        Set<String> valid = new HashSet<>();
        List<byte[]> sent = new ArrayList<>();
        int malformed = 0;
        int duplicates = 0;
        int outliers = 0;
        int broken = 0;
        boolean reordered = false;
        long[] lastSeq = new long[s.devices()];
        Arrays.fill(lastSeq, -1);
        for (Outgoing o : all(s)) {
            DecodeResult r = codec.decode(o.payload());
            switch (o.type()) {
                case MEASUREMENTS -> {
                    assertTrue(r.rejected().isEmpty(), r.rejected().toString());
                    assertEquals(o.measurements().size(), r.accepted().size());
                    for (int i = 0; i < r.accepted().size(); i++) {
                        assertEquals(o.measurements().get(i).seq(), r.accepted().get(i).seq());
                        assertEquals(o.measurements().get(i).measurement().y(), r.accepted().get(i).measurement().y());
                    }
                    for (DecodedMeasurement m : r.accepted()) {
                        assertTrue(valid.add(m.device() + "/" + m.seq()), "sent twice as valid: " + m.device() + "/" + m.seq());
                        assertEquals(s.deviceId(o.device()), m.device());
                        reordered |= m.seq() < lastSeq[o.device()];
                        lastSeq[o.device()] = Math.max(lastSeq[o.device()], m.seq());
                    }
                    outliers += o.outliers();
                    if (o.device() == s.faults().brokenDevice()) {
                        assertEquals(o.measurements().size(), o.outliers(), "every measurement of the broken device");
                        broken += o.outliers();
                    }
                    sent.add(o.payload());
                }
                case MALFORMED -> {
                    malformed++;
                    assertTrue(r.accepted().isEmpty(), "a malformed message carries no valid measurement");
                    assertEquals(1, r.rejected().size());
                    assertTrue(r.rejected().get(0).reason().contains(o.reason()),
                            r.rejected().get(0).reason() + " vs " + o.reason());
                }
                case DUPLICATE -> {
                    duplicates++;
                    assertTrue(sent.stream().anyMatch(p -> Arrays.equals(p, o.payload())), "a redelivery repeats a sent message");
                }
            }
        }
        for (int i = 0; i < s.devices(); i++) {
            for (long seq = 0; seq < s.countOf(i); seq++) {
                assertTrue(valid.contains(s.deviceId(i) + "/" + seq), "never sent: " + s.deviceId(i) + "/" + seq);
            }
        }
        assertEquals(s.count(), valid.size());
        // 4000 measurements, a quarter from the broken device; of the 3000 others 5% outliers (sd 12);
        // 1% malformed (sd 6), 2% duplicates (sd 9).
        assertEquals(s.countOf(s.faults().brokenDevice()), broken);
        assertTrue(outliers - broken > 100 && outliers - broken < 200, "outliers " + (outliers - broken));
        assertTrue(malformed > 15 && malformed < 70, "malformed " + malformed);
        assertTrue(duplicates > 40 && duplicates < 130, "duplicates " + duplicates);
        assertTrue(reordered, "some neighbours swapped");
    }

    @Test
    void yIsTheTruthsValueOfTheSentNumbersPlusNoiseAtTheStatedSnr() throws Exception {
        Scenario s = load("covariance.yaml").withCount(4000);
        ScenarioStream stream = new ScenarioStream(s);
        double[] x = stream.truth().matrixAt(0);
        assertEquals(StrictMath.pow(10, -1.5), stream.noiseSigma() / stream.signalRms(), 1e-12, "30 dB");
        double sum2 = 0;
        int n = 0;
        while (stream.hasNext()) {
            for (DecodedMeasurement m : stream.next().measurements()) {
                Measurement.RankOne r = (Measurement.RankOne) m.measurement();
                for (double a : r.a()) {
                    assertTrue(new BigDecimal(Double.toString(a)).stripTrailingZeros().precision() <= 6, "digits: 6, got " + a);
                }
                double e = r.y() - SimulatedArray.quadraticForm(x, s.d(), r.a());
                sum2 += e * e;
                n++;
            }
        }
        // The rms of 4000 Gaussian errors is within 5% of sigma (its relative sd is 1/sqrt(8000) ~ 1.1%).
        assertEquals(stream.noiseSigma(), Math.sqrt(sum2 / n), 0.05 * stream.noiseSigma());
    }

    @Test
    void theNetworksTruthIsWWTransposeOfRankFourAndItsSamplesAreNoiseFree() throws Exception {
        Scenario s = load("network.yaml").withCount(200);
        ScenarioStream stream = new ScenarioStream(s);
        GroundTruth t = stream.truth();
        assertEquals(4, t.rank());
        double[] lambda = t.eigenvalues();
        double trace = Arrays.stream(lambda).sum();
        // trace W W^T = sum of 200 squared standard normals: 200 +- 20.
        assertTrue(trace > 140 && trace < 260, "trace " + trace);
        double[] x = t.matrixAt(0);
        while (stream.hasNext()) {
            for (DecodedMeasurement m : stream.next().measurements()) {
                Measurement.RankOne r = (Measurement.RankOne) m.measurement();
                assertEquals(SimulatedArray.quadraticForm(x, 50, r.a()), r.y(), 1e-9 * Math.abs(r.y()));
            }
        }
    }

    @Test
    void aDriftingTruthTurnsItsSubspaceAtTheStatedSpeed() throws Exception {
        GroundTruth t = new GroundTruth(load("drifting.yaml"));
        double[] x0 = t.matrixAt(0);
        double[] x30 = t.matrixAt(30);
        // Every source direction turns by theta out of the sources' span, so <X0, X(t)> = cos^2 theta ||X0||^2
        // and ||X(t) - X0|| / ||X0|| = sqrt(2) sin theta.
        assertEquals(Math.sqrt(2) * Math.sin(Math.toRadians(30)), SimulatedArray.relativeError(x30, x0), 1e-9);
        double[][] v = t.eigenvectorsAt(30);
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                assertEquals(a == b ? 1 : 0, GroundTruth.dot(v[a], v[b]), 1e-12, "orthonormal at t = 30 s");
            }
        }
    }
}
