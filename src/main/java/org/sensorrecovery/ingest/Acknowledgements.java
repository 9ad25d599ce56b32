package org.sensorrecovery.ingest;

import java.util.ArrayList;
import java.util.List;

import org.sensorrecovery.journal.JournalSync;

/**
 * When the acknowledgement of a handled message may go, per {@code journal.sync}: at once
 * (none), after an msync of its own (always), or with the next group commit, one msync for every
 * message handled since the last (batch). One owner thread, the array's ingest.
 */
final class Acknowledgements {

    private final JournalSync sync;
    private final Runnable durability;
    private final List<Runnable> unsynced = new ArrayList<>();

    /** @param durability makes what was appended durable (the journal's sync) */
    Acknowledgements(JournalSync sync, Runnable durability) {
        this.sync = sync;
        this.durability = durability;
    }

    /** A message is journaled (or refused, or a duplicate): its ack goes now or waits for a sync. */
    void completed(Runnable ack) {
        switch (sync) {
            case NONE -> ack.run();
            case ALWAYS -> {
                durability.run();
                ack.run();
            }
            case BATCH -> unsynced.add(ack);
        }
    }

    /**
     * Group commit: one sync covers every message completed since the last, then their acks go.
     *
     * @return how many messages it acknowledged
     */
    int syncNow() {
        if (unsynced.isEmpty()) {
            return 0;
        }
        durability.run();
        int n = unsynced.size();
        for (Runnable a : unsynced) {
            a.run();
        }
        unsynced.clear();
        return n;
    }
}
