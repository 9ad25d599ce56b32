package org.sensorrecovery.simulate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementEncoder;

/**
 * The messages of one simulated device, in the order it sends them: its valid measurements
 * (seq 0, 1, ... in batches), each possibly followed by a malformed message of its own and by a
 * late redelivery, with neighbouring messages sometimes swapped. Measurements and faults come from
 * two separate random streams, so turning a fault on does not change what is measured.
 */
final class DeviceStream implements Iterator<Outgoing> {

    /** Random streams of device faults start here (measurements use stream = device index). */
    static final long FAULT_STREAMS = 1L << 41;

    private final Scenario s;
    private final MeasurementModel model;
    private final int device;
    private final String id;
    private final long total;
    private final Normals measures;
    private final Normals faults;
    private final ArrayDeque<Outgoing> pending = new ArrayDeque<>();
    private Outgoing redelivery;
    private long next;
    private long lastDue = -1;
    private boolean justSwapped;

    DeviceStream(Scenario s, MeasurementModel model, int device) {
        this.s = s;
        this.model = model;
        this.device = device;
        this.id = s.deviceId(device);
        this.total = s.countOf(device);
        this.measures = new Normals(Normals.mix(s.seed(), device));
        this.faults = new Normals(Normals.mix(s.seed(), FAULT_STREAMS + device));
    }

    @Override
    public boolean hasNext() {
        return !pending.isEmpty() || next < total || redelivery != null;
    }

    @Override
    public Outgoing next() {
        while (pending.size() < 2 && (next < total || redelivery != null)) {
            fill();
        }
        if (pending.isEmpty()) {
            throw new NoSuchElementException("device " + id + " has sent everything");
        }
        Outgoing out;
        if (!justSwapped && pending.size() >= 2 && s.faults().reorderFraction() > 0
                && faults.uniform() < s.faults().reorderFraction()) {
            Outgoing first = pending.poll();
            out = pending.poll();
            pending.addFirst(first);
            justSwapped = true;
        } else {
            out = pending.poll();
            justSwapped = false;
        }
        lastDue = Math.max(lastDue, out.due());
        return out.dueAt(lastDue);
    }

    /** Appends the next valid message and what follows it (a pending redelivery, a malformed message). */
    private void fill() {
        if (next >= total) {
            pending.add(redelivery);
            redelivery = null;
            return;
        }
        int n = (int) Math.min(s.batch(), total - next);
        List<DecodedMeasurement> batch = new ArrayList<>(n);
        int outliers = 0;
        long g = 0;
        for (int b = 0; b < n; b++) {
            g = next * s.devices() + device;
            Measurement m = model.draw(measures, g);
            if (device == s.faults().brokenDevice()) {
                // A broken sensor: a reading unrelated to what it measures, far above the signal.
                m = MeasurementModel.withY(m, s.faults().outlierScale() * model.rms() * (1 + faults.uniform()));
                outliers++;
            } else if (faults.uniform() < s.faults().outlierFraction()) {
                double size = s.faults().outlierScale() * model.rms() * (1 + faults.uniform());
                m = MeasurementModel.withY(m, m.y() + (faults.uniform() < 0.5 ? -size : size));
                outliers++;
            }
            batch.add(new DecodedMeasurement(id, next, m));
            next++;
        }
        byte[] payload = s.batch() == 1 ? MeasurementEncoder.encode(batch.get(0)) : MeasurementEncoder.encodeBatch(batch);
        Outgoing valid = new Outgoing(device, Outgoing.Type.MEASUREMENTS, payload, batch, outliers, null, g);
        pending.add(valid);
        if (redelivery != null) {
            pending.add(redelivery.redelivered(g));
            redelivery = null;
        }
        if (faults.uniform() < s.faults().duplicateFraction()) {
            redelivery = valid;
        }
        if (faults.uniform() < s.faults().malformedFraction()) {
            MalformedMessages.Malformed bad = MalformedMessages.of(faults.below(MalformedMessages.VARIANTS), batch.get(0),
                    s.shape().rows());
            pending.add(new Outgoing(device, Outgoing.Type.MALFORMED, bad.payload(), List.of(), 0, bad.reason(), g));
        }
    }
}
