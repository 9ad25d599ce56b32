package org.sensorrecovery.capture;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.sensorrecovery.journal.ArrayJournal;
import org.sensorrecovery.journal.JournalFullException;
import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.wire.ArrayShape;
import org.sensorrecovery.wire.DecodeResult;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementCodec;
import org.sensorrecovery.wire.Rejection;
import org.sensorrecovery.wire.WireLimits;

/**
 * {@code record}: the handler of an array's measurement topic that journals every valid
 * measurement with its arrival time, up to a limit, and the manifest of what it recorded. Messages
 * come on the MQTT client's thread; {@link #await} is called on another.
 */
public final class Recorder implements MqttTransport.Handler {

    private final ArrayJournal journal;
    private final MeasurementCodec codec;
    private final long limit;
    private final Consumer<String> report;
    private final LongSupplier arrivalClock;
    private final CaptureManifest.Tally recorded = new CaptureManifest.Tally();
    private final AtomicLong refused = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);

    /**
     * @param limit the most measurements to record (Long.MAX_VALUE: no limit)
     * @param report told "refused: reason" for each rejected message or element, "not recorded: ..." when the journal is full
     * @param arrivalClock the arrival time of a message, nanoseconds since the epoch
     */
    public Recorder(ArrayJournal journal, ArrayShape shape, long limit, Consumer<String> report, LongSupplier arrivalClock) {
        this.journal = journal;
        this.codec = new MeasurementCodec(shape, WireLimits.DEFAULT);
        this.limit = limit;
        this.report = report;
        this.arrivalClock = arrivalClock;
    }

    /** On the wall clock, with the nanosecond counter's digits below the millisecond. */
    public Recorder(ArrayJournal journal, ArrayShape shape, long limit, Consumer<String> report) {
        this(journal, shape, limit, report, () -> System.currentTimeMillis() * 1_000_000L + System.nanoTime() % 1_000_000L);
    }

    @Override
    public void onMessage(String topic, byte[] payload) {
        if (done.getCount() == 0) {
            return;
        }
        long arrival = arrivalClock.getAsLong();
        DecodeResult r = codec.decode(payload);
        refused.addAndGet(r.rejected().size());
        for (Rejection rej : r.rejected()) {
            report.accept("refused: " + rej.reason());
        }
        for (DecodedMeasurement m : r.accepted()) {
            try {
                journal.append(new JournalRecord(arrival, m.device(), m.seq(), m.measurement()));
            } catch (JournalFullException e) {
                report.accept("not recorded: " + e.getMessage());
                continue;
            }
            recorded.add(arrival);
            if (recorded.count() >= limit) {
                done.countDown();
                return;
            }
        }
    }

    /** Waits until the limit is recorded or the time is up; records nothing after. */
    public void await(long millis) throws InterruptedException {
        done.await(millis, TimeUnit.MILLISECONDS);
        done.countDown();
    }

    /** Measurements journaled so far. */
    public long recorded() {
        return recorded.count();
    }

    /** Messages and batch elements refused so far. */
    public long refused() {
        return refused.get();
    }

    /** The manifest of what was recorded, once the client that delivered it is closed. */
    public CaptureManifest manifest(String array, boolean rectangular, ArrayShape shape) {
        return recorded.manifest(array, rectangular, shape);
    }
}
