package org.sensorrecovery.uplink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.sensorrecovery.journal.JournalReader;
import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.store.AtomicFile;
import org.sensorrecovery.store.BackgroundWriter;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One array's forwarder, driven by the uplink thread: reads the journal from the record after the
 * last one Kafka acknowledged, sends each (key = array id, value = the wire contract's measurement
 * JSON with device and seq, the arrival time as the record's timestamp and an {@value #ARRIVAL}
 * header) and keeps that acknowledged position in a file written only after the acknowledgement.
 * A failed send rewinds to the acknowledged position: Kafka may see a record twice, never miss one.
 */
final class ArrayForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(ArrayForwarder.class);
    /** The header carrying the arrival time in epoch nanoseconds (8 bytes, big-endian). */
    static final String ARRIVAL = "arrivalNanos";
    /** Records handed to the producer and not yet acknowledged, at most: the journal is the buffer, not the heap. */
    private static final long MAX_IN_FLIGHT = 20_000;

    private final Uplink.Array array;
    private final String topic;
    private final byte[] key;
    private final AtomicFile positionFile;
    private final AtomicLong acked = new AtomicLong(-1);
    private final AtomicLong ackedCount = new AtomicLong();
    private final AtomicLong failedEpoch = new AtomicLong(-1);
    private volatile long durable = -1;
    private volatile int epoch;
    private JournalReader reader;
    private long sentCount;
    private long saved = -1;

    ArrayForwarder(Uplink.Array array, String topic) {
        this.array = array;
        this.topic = topic;
        this.key = array.id().getBytes(StandardCharsets.UTF_8);
        this.positionFile = new AtomicFile(array.position());
    }

    /** Reads the acknowledged position and places the reader after it; on the uplink thread. */
    void open() throws IOException {
        Optional<byte[]> b = positionFile.read();
        long at = b.isPresent() ? ByteBuffer.wrap(b.get()).getLong() : -1;
        acked.set(at);
        saved = at;
        durable = at;
        array.journal().hold(() -> durable);
        reader = array.journal().reader("uplink");
        rewind();
        if (at >= 0) {
            LOG.info("array {}: uplink resumes after journal index {} ({} to forward)", array.id(), at, backlog());
        }
    }

    private void rewind() {
        long at = acked.get();
        if (at < 0 || !reader.moveAfter(at)) {
            reader.toStart();
        }
        sentCount = ackedCount.get();
    }

    /**
     * Sends up to limit records.
     *
     * @return how many were sent; -1 when the producer refused one (Kafka unreachable): try later
     */
    int forward(Producer<byte[], byte[]> producer, int limit) {
        if (failedEpoch.get() == epoch) {
            epoch++;
            rewind();
        }
        int n = 0;
        JournalRecord[] read = new JournalRecord[1];
        while (n < limit && sentCount - ackedCount.get() < MAX_IN_FLIGHT && reader.next(r -> read[0] = r)) {
            long index = reader.lastReadIndex();
            JournalRecord r = read[0];
            RecordHeaders headers = new RecordHeaders();
            headers.add(ARRIVAL, ByteBuffer.allocate(8).putLong(r.arrivalNanos()).array());
            byte[] value = MeasurementEncoder.encode(new DecodedMeasurement(r.device(), r.seq(), r.measurement()));
            int sentIn = epoch;
            try {
                producer.send(new ProducerRecord<>(topic, null, TimeUnit.NANOSECONDS.toMillis(r.arrivalNanos()), key, value,
                        headers), (meta, e) -> acknowledged(sentIn, index, e));
            } catch (KafkaException e) {
                failedEpoch.set(epoch);
                LOG.warn("array {}: uplink cannot send ({}); the journal keeps the records, retrying", array.id(),
                        e.getMessage());
                return -1;
            }
            sentCount++;
            n++;
        }
        return n;
    }

    /** On the producer's I/O thread: advance the acknowledged position, or ask for a rewind. */
    private void acknowledged(int sentIn, long index, Exception e) {
        if (sentIn != epoch || failedEpoch.get() == sentIn) {
            return;
        }
        if (e != null) {
            failedEpoch.set(sentIn);
            LOG.warn("array {}: Kafka did not acknowledge journal index {} ({}); resending from there", array.id(), index,
                    e.getMessage());
            return;
        }
        acked.accumulateAndGet(index, Math::max);
        ackedCount.incrementAndGet();
    }

    /** Writes the acknowledged position when it moved; once durable, it bounds journal retention. */
    void save(BackgroundWriter writer, int retainCycles) {
        long at = acked.get();
        if (at == saved) {
            return;
        }
        saved = at;
        writer.submit(positionFile, ByteBuffer.allocate(8).putLong(at).array(), () -> released(at, retainCycles));
    }

    private void released(long at, int retainCycles) {
        durable = at;
        if (!array.retains()) {
            return;
        }
        try {
            array.journal().retain(retainCycles, at);
        } catch (IOException e) {
            LOG.error("array {}: journal retention failed: {}", array.id(), e.getMessage());
        }
    }

    long backlog() {
        return array.journal().countAfter(acked.get());
    }

    long forwarded() {
        return ackedCount.get();
    }

    String id() {
        return array.id();
    }

    void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
