package org.sensorrecovery.simulate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementEncoder;
import org.sensorrecovery.wire.TruthCodec;

/**
 * The device of {@code demo}: one simulated array (device id sim-0) publishing at a fixed rate for
 * a number of seconds, in batches of 20 (QoS 1), and its ground truth as the wire contract's truth
 * message.
 */
public final class DemoDevice {

    private static final int BATCH = 20;

    /** Told once a second while the stream runs. */
    @FunctionalInterface
    public interface EverySecond {
        void report(int second, long sent);
    }

    private final SimulatedArray sim;
    private final MqttTransport transport;
    private final String topic;
    private final LongSupplier nanoClock;

    /**
     * @param transport a connected client; not closed here
     */
    public DemoDevice(SimulatedArray sim, MqttTransport transport, String topic, LongSupplier nanoClock) {
        this.sim = sim;
        this.transport = transport;
        this.topic = topic;
        this.nanoClock = nanoClock;
    }

    /**
     * Publishes rate measurements a second for the duration, catching up every 5 ms.
     *
     * @return how many were sent (rate x seconds)
     */
    public long run(int rate, int seconds, EverySecond everySecond) throws InterruptedException {
        long start = nanoClock.getAsLong();
        long seq = 0;
        int nextReport = 1;
        while (true) {
            double elapsed = (nanoClock.getAsLong() - start) / 1e9;
            if (elapsed >= seconds) {
                return seq;
            }
            long due = Math.min((long) (elapsed * rate), (long) seconds * rate);
            while (seq < due) {
                List<DecodedMeasurement> batch = new ArrayList<>(BATCH);
                for (int i = 0; i < BATCH && seq < due; i++) {
                    batch.add(new DecodedMeasurement("sim-0", seq++, sim.next()));
                }
                transport.publish(topic, MeasurementEncoder.encodeBatch(batch), 1, false);
            }
            if (elapsed >= nextReport) {
                everySecond.report(nextReport++, seq);
            }
            Thread.sleep(5);
        }
    }

    /** X* of the simulated array in eigen form (eigenvalues above 1e-9 of the largest), as a truth message. */
    public static byte[] truthMessage(SimulatedArray sim, String array, Instant now) {
        int d = sim.dimension();
        double[][] x = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(sim.truth(), i * d, x[i], 0, d);
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(x, false));
        double[] all = eig.getRealEigenvalues();
        double top = Arrays.stream(all).max().orElse(0);
        List<Integer> signal = new ArrayList<>();
        for (int j = 0; j < all.length; j++) {
            if (all[j] > 1e-9 * top) {
                signal.add(j);
            }
        }
        signal.sort((a, b) -> Double.compare(all[b], all[a]));
        double[] values = new double[signal.size()];
        double[][] vectors = new double[signal.size()][];
        for (int r = 0; r < values.length; r++) {
            values[r] = all[signal.get(r)];
            vectors[r] = eig.getEigenvector(signal.get(r)).toArray();
        }
        return TruthCodec.encode(new TruthCodec.Truth(array, array, d, values, vectors, 0, 0, now));
    }
}
