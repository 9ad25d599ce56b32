package org.sensorrecovery.testing;

import java.util.SplittableRandom;

import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementEncoder;

/** Rank-one measurement messages of the wire contract for the device tests, y = ||a||^2 (X = I). */
public final class RankOnePayloads {

    private RankOnePayloads() {
    }

    /** A message with d Gaussian numbers as a: valid for a rank-one array of dimension d, of wrong length for any other. */
    public static byte[] random(String device, long seq, int d, SplittableRandom rnd) {
        double[] a = new double[d];
        double y = 0;
        for (int i = 0; i < d; i++) {
            a[i] = rnd.nextGaussian();
            y += a[i] * a[i];
        }
        return MeasurementEncoder.encode(new DecodedMeasurement(device, seq, new Measurement.RankOne(a, y)));
    }
}
