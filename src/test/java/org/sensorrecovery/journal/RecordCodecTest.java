package org.sensorrecovery.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;

class RecordCodecTest {

    private static final double[] A = {Math.PI, -0.0, Double.MIN_VALUE, Double.NaN, -1e300, 0x1.fffffffffffffp-2};

    /** The excerpt layout, field by field: journals on disk are in it, so it must not drift. */
    private static Bytes<?> excerpt(double[] a, double y) {
        Bytes<?> b = rankOneHeader(a.length);
        for (double x : a) {
            b.writeDouble(x);
        }
        b.writeDouble(y);
        return b;
    }

    /** Arrival 7, device "dev-1", seq 42, kind rank-one, then the vector's length. */
    private static Bytes<?> rankOneHeader(int length) {
        Bytes<?> b = Bytes.allocateElasticOnHeap();
        b.writeLong(7);
        b.writeUtf8("dev-1");
        b.writeLong(42);
        b.writeByte((byte) Kind.RANK_ONE.ordinal());
        b.writeInt(length);
        return b;
    }

    @Test
    void aRankOneRecordIsWrittenInTheJournalLayout() {
        Bytes<?> written = Bytes.allocateElasticOnHeap();
        RecordCodec.write(written, new JournalRecord(7, "dev-1", 42, new Measurement.RankOne(A, 0.5)));
        assertArrayEquals(excerpt(A, 0.5).toByteArray(), written.toByteArray());
    }

    @Test
    void anExcerptInTheJournalLayoutReadsBackBitForBit() {
        JournalRecord r = RecordCodec.read(excerpt(A, 0.5));
        double[] a = ((Measurement.RankOne) r.measurement()).a();
        assertEquals(A.length, a.length);
        for (int i = 0; i < A.length; i++) {
            assertEquals(Double.doubleToRawLongBits(A[i]), Double.doubleToRawLongBits(a[i]), "element " + i);
        }
        assertEquals("dev-1", r.device());
        assertEquals(42, r.seq());
    }

    @Test
    void longVectorsRoundTrip() {
        double[] big = new double[5_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = Math.sin(i) * 1e10;
        }
        Bytes<?> b = Bytes.allocateElasticOnHeap();
        RecordCodec.write(b, new JournalRecord(1, "d", 1, new Measurement.Dense(big, 2)));
        assertArrayEquals(big, ((Measurement.Dense) RecordCodec.read(b).measurement()).a());
    }

    @Test
    void aVectorLengthBeyondTheExcerptIsACorruptExcerptNotAHugeAllocation() {
        Bytes<?> b = rankOneHeader(Integer.MAX_VALUE);
        b.writeDouble(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RecordCodec.read(b));
        assertEquals("journal excerpt: vector of 2147483647 doubles, but only 8 bytes left", e.getMessage());
    }
}
