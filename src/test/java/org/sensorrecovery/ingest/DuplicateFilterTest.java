package org.sensorrecovery.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sensorrecovery.ingest.DuplicateFilter.Verdict;

class DuplicateFilterTest {

    private final DuplicateFilter filter = new DuplicateFilter();

    private Verdict offer(String device, long seq) {
        Verdict v = filter.check(device, seq);
        if (v == Verdict.NEW) {
            filter.record(device, seq);
        }
        return v;
    }

    @Test
    void aRepeatedSeqOfTheSameDeviceIsADuplicate() {
        assertEquals(Verdict.NEW, offer("a", 1));
        assertEquals(Verdict.DUPLICATE, offer("a", 1));
        assertEquals(Verdict.NEW, offer("b", 1));
    }

    @Test
    void reorderedDeliveriesAreAcceptedOnceEach() {
        assertEquals(Verdict.NEW, offer("a", 10));
        assertEquals(Verdict.NEW, offer("a", 7));
        assertEquals(Verdict.NEW, offer("a", 9));
        assertEquals(Verdict.DUPLICATE, offer("a", 7));
        assertEquals(Verdict.NEW, offer("a", 8));
        assertEquals(Verdict.DUPLICATE, offer("a", 10));
    }

    @Test
    void seqsOlderThanTheWindowAreReportedTooOld() {
        offer("a", 0);
        offer("a", DuplicateFilter.WINDOW + 5L);
        assertEquals(Verdict.TOO_OLD, offer("a", 1));
        assertEquals(Verdict.NEW, offer("a", 6 + 1));
    }

    @Test
    void slotsReusedAfterTheWindowMovesOnAreNotMistakenForDuplicates() {
        for (long s = 0; s < 3 * DuplicateFilter.WINDOW; s += 2) {
            assertEquals(Verdict.NEW, offer("a", s));
        }
        // Odd seqs inside the current window were never seen.
        long top = 3L * DuplicateFilter.WINDOW - 2;
        assertEquals(Verdict.NEW, offer("a", top - 1));
        assertEquals(Verdict.DUPLICATE, offer("a", top - 2));
    }

    @Test
    void aLargeJumpForgetsTheOldWindow() {
        offer("a", 5);
        offer("a", 1_000_000);
        assertEquals(Verdict.NEW, offer("a", 1_000_000 - 3));
        assertEquals(Verdict.DUPLICATE, offer("a", 1_000_000));
    }

    @Test
    void stateSurvivesARoundTripThroughBytes() {
        offer("a", 10);
        offer("a", 8);
        offer("", 3);
        DuplicateFilter copy = DuplicateFilter.fromBytes(filter.toBytes());
        assertEquals(Verdict.DUPLICATE, copy.check("a", 8));
        assertEquals(Verdict.NEW, copy.check("a", 9));
        assertEquals(Verdict.DUPLICATE, copy.check("", 3));
        assertEquals(2, copy.devices());
    }
}
