package org.sensorrecovery.simulate;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.sensorrecovery.mqtt.MqttSettings;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.mqtt.MqttTransportException;
import org.sensorrecovery.mqtt.PahoTransport;

/**
 * Publishes a scenario over MQTT: one client per simulated device (id sim-&lt;scenario&gt;-&lt;device&gt;),
 * QoS 1, paced at the scenario's rate or as fast as the broker takes; the ground truth retained on
 * {prefix}/{array}/truth, again about once a second while it drifts. The dropout device
 * disconnects, stays away, reconnects and then sends what it measured meanwhile.
 */
public final class ScenarioPublisher {

    private static final long TRUTH_EVERY_NANOS = 1_000_000_000L;

    /** Where the run reports its progress (a terminal bar, a log). */
    public interface Progress {
        /** Measurements sent so far. */
        void update(long count);

        /** An event worth its own line. */
        void println(String line);

        /** The run is over. */
        void done(long count);
    }

    /** What was sent. */
    public record Summary(long measurements, long messages, long malformed, long duplicates, long outliers, double seconds) {
    }

    /** One simulated device's client, and what it holds back while offline. */
    private final class Device {
        final String clientId;
        final ArrayDeque<Outgoing> backlog = new ArrayDeque<>();
        MqttTransport transport;
        long offlineUntil = Long.MIN_VALUE;
        boolean droppedOnce;

        Device(String clientId) {
            this.clientId = clientId;
        }

        boolean offline() {
            return transport == null;
        }
    }

    private final ScenarioStream stream;
    private final Scenario scenario;
    private final String broker;
    private final String topic;
    private final String truthTopic;
    private final boolean paced;
    private final Progress progress;
    private final LongSupplier nanoClock;
    private final Clock wallClock;
    private final long connectMillis;
    private final List<Device> devices = new ArrayList<>();
    private MqttTransport truthClient;
    private long measurements;
    private long messages;
    private long malformed;
    private long duplicates;
    private long outliers;
    private long latest;
    private long lastTruth;

    /**
     * @param paced at the scenario's rate (true) or as fast as the broker takes
     * @param connectMillis how long each client may take to connect
     */
    public ScenarioPublisher(ScenarioStream stream, String broker, String prefix, boolean paced, long connectMillis,
                      Progress progress, LongSupplier nanoClock, Clock wallClock) {
        this.stream = stream;
        this.scenario = stream.scenario();
        this.broker = broker;
        this.topic = prefix + "/" + scenario.array() + "/m";
        this.truthTopic = prefix + "/" + scenario.array() + "/truth";
        this.paced = paced;
        this.progress = progress;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        this.connectMillis = connectMillis;
    }

    public String topic() {
        return topic;
    }

    public String truthTopic() {
        return truthTopic;
    }

    /**
     * Connects every client, publishes everything, waits for the broker's acknowledgements.
     *
     * @throws MqttTransportException when the broker cannot be reached or refuses a message
     */
    public Summary run() throws InterruptedException {
        long start = nanoClock.getAsLong();
        try {
            truthClient = connect("sim-" + scenario.name() + "-truth");
            for (int i = 0; i < scenario.devices(); i++) {
                Device device = new Device("sim-" + scenario.name() + "-" + scenario.deviceId(i));
                device.transport = connect(device.clientId);
                devices.add(device);
            }
            publishTruth();
            while (stream.hasNext()) {
                Outgoing o = stream.next();
                if (paced) {
                    waitUntil(start + (long) ((o.due() + 1) * 1e9 / scenario.rate()));
                }
                latest = Math.max(latest, o.due());
                send(devices.get(o.device()), o);
                service();
            }
            for (Device device : devices) {
                while (device.offline()) {
                    waitUntil(device.offlineUntil);
                    service();
                }
            }
            for (Device device : devices) {
                awaitDelivered(device.transport, device.clientId);
            }
            publishTruth();
            awaitDelivered(truthClient, "truth");
            progress.done(measurements);
            return new Summary(measurements, messages, malformed, duplicates, outliers,
                    (nanoClock.getAsLong() - start) / 1e9);
        } finally {
            for (Device device : devices) {
                if (device.transport != null) {
                    device.transport.close();
                }
            }
            if (truthClient != null) {
                truthClient.close();
            }
        }
    }

    private MqttTransport connect(String clientId) {
        MqttTransport t = new PahoTransport(MqttSettings.plain(broker, clientId).withCleanSession(true));
        if (!t.connect(connectMillis)) {
            t.close();
            throw new MqttTransportException("cannot connect as " + clientId + " within " + connectMillis + " ms", null);
        }
        return t;
    }

    private void send(Device device, Outgoing o) throws InterruptedException {
        Scenario.Dropout dropout = scenario.faults().dropout();
        if (dropout != null && !device.droppedOnce && o.device() == dropout.device()
                && o.type() == Outgoing.Type.MEASUREMENTS && o.measurements().get(0).seq() >= dropout.after()) {
            device.droppedOnce = true;
            awaitDelivered(device.transport, device.clientId);
            device.transport.close();
            device.transport = null;
            device.offlineUntil = nanoClock.getAsLong() + (long) (dropout.seconds() * 1e9);
            progress.println(String.format("%s: offline for %.1f s after %d measurements", device.clientId,
                    dropout.seconds(), dropout.after()));
        }
        if (device.offline()) {
            device.backlog.add(o);
            return;
        }
        publish(device, o);
    }

    private void publish(Device device, Outgoing o) {
        device.transport.publish(topic, o.payload(), 1, false);
        messages++;
        switch (o.type()) {
            case MEASUREMENTS -> {
                measurements += o.measurements().size();
                outliers += o.outliers();
            }
            case MALFORMED -> malformed++;
            case DUPLICATE -> duplicates++;
        }
    }

    /** Brings back devices whose time offline is over, re-publishes a drifting truth, draws progress. */
    private void service() {
        long now = nanoClock.getAsLong();
        for (Device device : devices) {
            if (device.offline() && now >= device.offlineUntil) {
                device.transport = connect(device.clientId);
                progress.println(device.clientId + ": back online, sending " + device.backlog.size() + " held messages");
                while (!device.backlog.isEmpty()) {
                    publish(device, device.backlog.poll());
                }
            }
        }
        if (stream.truth().drifting() && now - lastTruth >= TRUTH_EVERY_NANOS) {
            publishTruth();
        }
        progress.update(measurements);
    }

    private void publishTruth() {
        truthClient.publish(truthTopic, stream.truthMessageAt(measurements, latest, wallClock.instant()), 1, true);
        lastTruth = nanoClock.getAsLong();
    }

    private void waitUntil(long deadline) throws InterruptedException {
        long wait;
        while ((wait = deadline - nanoClock.getAsLong()) > 0) {
            if (wait > 2_000_000) {
                TimeUnit.NANOSECONDS.sleep(Math.min(wait - 1_000_000, 50_000_000));
                service();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private static void awaitDelivered(MqttTransport t, String who) throws InterruptedException {
        if (!t.awaitDelivered(30_000)) {
            throw new MqttTransportException(who + ": the broker did not acknowledge every message within 30 s", null);
        }
    }
}
