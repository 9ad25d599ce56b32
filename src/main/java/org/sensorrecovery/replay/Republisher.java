package org.sensorrecovery.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import org.sensorrecovery.capture.Capture;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementEncoder;

/**
 * {@code replay --broker}: publishes a capture's measurements in journal order, one wire-contract
 * message each (QoS 1, not retained), at the original pace, a multiple of it, or as fast as the
 * broker takes.
 */
public final class Republisher {

    /** Waits; {@code TimeUnit.NANOSECONDS::sleep} in production. */
    @FunctionalInterface
    public interface Sleep {
        void nanos(long nanos) throws InterruptedException;
    }

    /** What was published, and how long it took. */
    public record Summary(long measurements, double seconds) {
    }

    private final MqttTransport transport;
    private final LongSupplier nanoClock;
    private final Sleep sleep;

    /**
     * @param transport a connected client; not closed here
     */
    public Republisher(MqttTransport transport, LongSupplier nanoClock, Sleep sleep) {
        this.transport = transport;
        this.nanoClock = nanoClock;
        this.sleep = sleep;
    }

    /** On the system's clock, sleeping the thread between measurements. */
    public Republisher(MqttTransport transport) {
        this(transport, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    /**
     * Publishes every measurement of the capture to the topic. A measurement is due when its
     * arrival time, counted from the first one's and divided by speed, has passed since the start;
     * an interrupt while waiting ends the wait, not the replay (the interrupt stays set).
     *
     * @param speed 1 = the original pace, 10 = ten times faster, infinity = no waiting
     * @param progress told the count after each measurement
     */
    public Summary run(Path dir, String topic, double speed, LongConsumer progress) throws IOException {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed: must be positive, got " + speed);
        }
        long start = nanoClock.getAsLong();
        long[] first = {Long.MIN_VALUE};
        long[] sent = {0};
        long n = Capture.forEach(dir, r -> {
            if (first[0] == Long.MIN_VALUE) {
                first[0] = r.arrivalNanos();
            }
            if (Double.isFinite(speed)) {
                waitUntil(start + (long) ((r.arrivalNanos() - first[0]) / speed));
            }
            transport.publish(topic, MeasurementEncoder.encode(new DecodedMeasurement(r.device(), r.seq(), r.measurement())),
                    1, false);
            progress.accept(++sent[0]);
        });
        return new Summary(n, (nanoClock.getAsLong() - start) / 1e9);
    }

    private void waitUntil(long due) {
        long wait = due - nanoClock.getAsLong();
        if (wait > 0) {
            try {
                sleep.nanos(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
