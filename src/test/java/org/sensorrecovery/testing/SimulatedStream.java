package org.sensorrecovery.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.simulate.SimulatedArray;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementEncoder;

/** A simulated device publishing valid measurements at a rate, in batches of 10, until closed. */
public final class SimulatedStream implements AutoCloseable {

    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public SimulatedStream(MqttTransport device, String topic, SimulatedArray sim, int perSecond) {
        this.thread = new Thread(() -> {
            long start = System.nanoTime();
            long seq = 0;
            while (running) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * perSecond);
                while (seq < due && running) {
                    List<DecodedMeasurement> batch = new ArrayList<>(10);
                    for (int i = 0; i < 10; i++) {
                        batch.add(new DecodedMeasurement("sim", seq++, sim.next()));
                    }
                    device.publish(topic, MeasurementEncoder.encodeBatch(batch), 1, false);
                    sent.addAndGet(batch.size());
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "simulated-stream");
        thread.setDaemon(true);
        thread.start();
    }

    /** Measurements handed to the client so far. */
    public long sent() {
        return sent.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
