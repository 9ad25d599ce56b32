package org.sensorrecovery.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sensorrecovery.ingest.DuplicateFilter.Verdict;
import org.sensorrecovery.testing.GappedSeqs;

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

    @Test
    void gapsThatTheReorderWindowHasPassedCountAsMissing() {
        for (long s : GappedSeqs.issue13Example()) {
            assertEquals(Verdict.NEW, offer("dev", s));
        }
        assertEquals(130, filter.missing());
    }

    @Test
    void aGapWithinTheReorderWindowIsNotMissingYet() {
        for (long s = 0; s < 100; s++) {
            if (s != 90) {
                offer("dev", s);
            }
        }
        assertEquals(0, filter.missing());
        offer("dev", 90 + DuplicateFilter.REORDER_WINDOW + 1);
        assertEquals(1, filter.missing());
    }

    @Test
    void aLateArrivalOfAMissingSeqIsAcceptedAndTakenBack() {
        for (long s : GappedSeqs.issue13Example()) {
            offer("dev", s);
        }
        assertEquals(Verdict.NEW, offer("dev", 350));
        assertEquals(Verdict.NEW, offer("dev", 700));
        assertEquals(128, filter.missing());
        assertEquals(Verdict.DUPLICATE, offer("dev", 350));
        assertEquals(128, filter.missing());
    }

    @Test
    void devicesAreAccountedSeparatelyAndNothingBeforeAFirstSeqIsMissing() {
        for (long s = 1000; s < 1200; s++) {
            offer("late-starter", s);
            if (s % 10 != 0) {
                offer("lossy", s - 1000);
            }
        }
        assertEquals(13, filter.missing(), "lossy lost 10, 20, ..., 130; 140..190 are within the reorder window of 199");
        filter.sweep(0, 1);
        filter.sweep(1, 1);
        assertEquals(19, filter.missing(), "10..190 once both went quiet; 0 came before lossy's first seq (1)");
    }

    @Test
    void aDeviceWhoseFirstSeqsArriveReorderedHasLostNothing() {
        long[] order = {2, 0, 1, 5, 3, 4, 6, 7};
        for (long s : order) {
            offer("dev", s);
        }
        for (long s = 8; s < 200; s++) {
            offer("dev", s);
        }
        filter.sweep(0, 1);
        filter.sweep(1, 1);
        assertEquals(0, filter.missing());
    }

    @Test
    void aJumpOfABillionSeqsIsCountedArithmetically() {
        offer("dev", 0);
        offer("dev", 1_000_000_000L);
        assertEquals(1_000_000_000L - 1 - DuplicateFilter.REORDER_WINDOW, filter.missing());
        filter.sweep(0, 1);
        filter.sweep(1, 1);
        assertEquals(1_000_000_000L - 1, filter.missing(), "everything strictly between 0 and 1e9");
        assertEquals(Verdict.NEW, offer("dev", 1_000_000_000L - 7));
        assertEquals(1_000_000_000L - 2, filter.missing());
    }

    @Test
    void theTotalStopsAtTheLargestLongInsteadOfWrappingWhenDevicesJumpToAbsurdSeqs() {
        offer("a", 0);
        offer("a", Long.MAX_VALUE);
        offer("b", 0);
        offer("b", Long.MAX_VALUE);
        filter.sweep(0, 1);
        filter.sweep(1, 1);
        assertEquals(Long.MAX_VALUE, filter.missing());
        assertEquals(Long.MAX_VALUE, DuplicateFilter.fromBytes(filter.toBytes()).missing());
        assertEquals(Verdict.NEW, offer("c", Long.MAX_VALUE - 1));
        assertEquals(Verdict.NEW, offer("c", Long.MAX_VALUE));
        filter.sweep(2, 1);
        filter.sweep(3, 1);
        assertEquals(Verdict.DUPLICATE, offer("c", Long.MAX_VALUE));

        DuplicateFilter top = new DuplicateFilter();
        top.record("d", Long.MAX_VALUE - 10);
        top.record("d", Long.MAX_VALUE);
        top.sweep(0, 1);
        top.sweep(1, 1);
        assertEquals(9, top.missing(), "the gap below the largest seq is judged like any other");
    }

    @Test
    void aQuietDevicesTrailingGapCountsOnceItsHighestSeqHasStoodStillForTheLimit() {
        for (long s = 0; s < 10; s++) {
            if (s != 5) {
                offer("dev", s);
            }
        }
        long limit = 1_000;
        assertEquals(0, filter.sweep(100, limit), "the first sweep only notes the highest seq");
        assertEquals(0, filter.sweep(100 + limit - 1, limit));
        offer("dev", 12);
        assertEquals(0, filter.sweep(100 + limit, limit), "the device moved on: its clock starts again");
        assertEquals(0, filter.sweep(100 + 2 * limit - 1, limit));
        assertEquals(3, filter.sweep(100 + 2 * limit, limit), "5, 10 and 11");
        assertEquals(3, filter.missing());
        assertEquals(0, filter.sweep(100 + 9 * limit, limit), "judged once");
        offer("dev", 11);
        assertEquals(2, filter.missing());
    }

    @Test
    void theMissingAccountSurvivesARoundTripThroughBytes() {
        List<Long> seqs = GappedSeqs.issue13Example();
        for (long s : seqs.subList(0, 500)) {
            offer("dev", s);
        }
        offer("other", 3);
        DuplicateFilter copy = DuplicateFilter.fromBytes(filter.toBytes());
        assertEquals(filter.missing(), copy.missing());
        for (long s : seqs.subList(500, seqs.size())) {
            assertEquals(Verdict.NEW, copy.check("dev", s));
            copy.record("dev", s);
        }
        assertEquals(130, copy.missing());
        copy.record("dev", 399);
        assertEquals(129, DuplicateFilter.fromBytes(copy.toBytes()).missing());
    }

    @Test
    void theFirstStateFormatIsStillReadAndItsAccountStartsAfterTheHighestSeq() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(1);
            out.writeUTF("dev");
            out.writeLong(100);
            long[] bits = new long[DuplicateFilter.WINDOW / 64];
            bits[1] = 0b1111L;
            bits[100 / 64] |= 1L << (100 % 64);
            for (long word : bits) {
                out.writeLong(word);
            }
        }
        DuplicateFilter old = DuplicateFilter.fromBytes(bytes.toByteArray());
        assertEquals(0, old.missing());
        assertEquals(Verdict.DUPLICATE, old.check("dev", 64));
        assertEquals(Verdict.DUPLICATE, old.check("dev", 100));
        for (long s = 101; s < 300; s++) {
            if (s != 200) {
                old.record("dev", s);
            }
        }
        assertEquals(1, old.missing());
    }

    @Test
    void stateOfAnUnknownFormatOrAnInconsistentAccountIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DuplicateFilter.fromBytes(new byte[] {-1, -1, -1, -3, 0, 0, 0, 0}));
        offer("dev", 10);
        byte[] state = filter.toBytes();
        int missingAt = 4 + 4 + 2 + "dev".length() + 8 + 8 + 8;
        state[missingAt] = (byte) 0x80;
        assertThrows(IllegalArgumentException.class, () -> DuplicateFilter.fromBytes(state));
    }
}
