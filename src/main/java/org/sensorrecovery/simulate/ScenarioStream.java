package org.sensorrecovery.simulate;

import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

import org.sensorrecovery.wire.TruthCodec;

/**
 * Every message of a scenario, all devices merged in the order they go out: by the index of the
 * latest measurement they carry, ties by device. Deterministic for the scenario's seed: the same
 * scenario always gives the same messages, byte for byte. Free of MQTT; the simulate command
 * publishes them, a capture writer stores the valid ones.
 */
public final class ScenarioStream implements Iterator<Outgoing> {

    private record Head(Outgoing message, DeviceStream source) {
    }

    private final Scenario scenario;
    private final GroundTruth truth;
    private final MeasurementModel model;
    private final PriorityQueue<Head> heads = new PriorityQueue<>(
            Comparator.comparingLong((Head h) -> h.message().due()).thenComparingInt(h -> h.message().device()));

    public ScenarioStream(Scenario scenario) {
        this.scenario = scenario;
        this.truth = new GroundTruth(scenario);
        this.model = new MeasurementModel(scenario, truth);
        for (int i = 0; i < scenario.devices(); i++) {
            DeviceStream device = new DeviceStream(scenario, i == 0 ? model : model.copy(), i);
            if (device.hasNext()) {
                heads.add(new Head(device.next(), device));
            }
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    public GroundTruth truth() {
        return truth;
    }

    /** Standard deviation of the noise on y (from snrDb or given). */
    public double noiseSigma() {
        return model.sigma();
    }

    /** Root mean square of clean y at t = 0. */
    public double signalRms() {
        return model.rms();
    }

    /**
     * The ground truth message when the measurement with global index {@code latest} has been taken.
     *
     * @param measurements valid measurements sent so far
     */
    public TruthCodec.Truth truthAt(long measurements, long latest, Instant now) {
        double t = scenario.timeOf(Math.max(0, latest));
        return new TruthCodec.Truth(scenario.array(), scenario.name(), scenario.d(), truth.eigenvalues(),
                truth.eigenvectorsAt(t), measurements, t, now);
    }

    /**
     * The ground truth message (TruthCodec JSON) when the measurement with global index
     * {@code latest} has been taken: the eigen form, or the singular triplets of a rectangular X*.
     *
     * @param measurements valid measurements sent so far
     */
    public byte[] truthMessageAt(long measurements, long latest, Instant now) {
        if (!scenario.rectangular()) {
            return TruthCodec.encode(truthAt(measurements, latest, now));
        }
        double t = scenario.timeOf(Math.max(0, latest));
        return TruthCodec.encode(new TruthCodec.SvdTruth(scenario.array(), scenario.name(), scenario.rows(),
                scenario.cols(), truth.eigenvalues(), truth.eigenvectorsAt(t), truth.rightVectors(), measurements, t, now));
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public Outgoing next() {
        Head h = heads.poll();
        if (h == null) {
            throw new NoSuchElementException("scenario " + scenario.name() + " has sent everything");
        }
        if (h.source().hasNext()) {
            heads.add(new Head(h.source().next(), h.source()));
        }
        return h.message();
    }
}
