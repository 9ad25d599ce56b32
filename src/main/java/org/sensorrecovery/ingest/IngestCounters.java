package org.sensorrecovery.ingest;

import java.util.concurrent.atomic.AtomicLong;

/** What ingest saw for one array; written by the ingest thread, read by anyone. */
public final class IngestCounters {

    final AtomicLong received = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();

    /** Measurements (and undecodable messages) received. */
    public long received() {
        return received.get();
    }

    /** Measurements journaled. */
    public long accepted() {
        return accepted.get();
    }

    /** Inputs refused with a reason on the rejected topic. */
    public long rejected() {
        return rejected.get();
    }

    /** Redeliveries dropped. */
    public long duplicates() {
        return duplicates.get();
    }
}
