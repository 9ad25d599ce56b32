package org.sensorrecovery.journal;

import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesOut;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;

/**
 * Binary layout of a journal excerpt (no text wire format): arrival nanos, device (UTF-8), seq,
 * kind ordinal, then the kind's fields; vectors as a length then raw doubles. Doubles are
 * written as their IEEE bits, so reading gives them back exactly.
 */
final class RecordCodec {

    private RecordCodec() {
    }

    static void write(BytesOut<?> out, JournalRecord r) {
        out.writeLong(r.arrivalNanos());
        out.writeUtf8(r.device());
        out.writeLong(r.seq());
        Measurement m = r.measurement();
        out.writeByte((byte) m.kind().ordinal());
        if (m instanceof Measurement.RankOne ro) {
            writeVector(out, ro.a());
        } else if (m instanceof Measurement.Entry e) {
            out.writeInt(e.i());
            out.writeInt(e.j());
        } else if (m instanceof Measurement.Bilinear b) {
            writeVector(out, b.a());
            writeVector(out, b.b());
        } else if (m instanceof Measurement.Gaussian g) {
            out.writeLong(g.seed());
        } else if (m instanceof Measurement.Dense d) {
            writeVector(out, d.a());
        }
        out.writeDouble(m.y());
    }

    static JournalRecord read(BytesIn<?> in) {
        long arrival = in.readLong();
        String device = in.readUtf8();
        long seq = in.readLong();
        Kind kind = Kind.values()[in.readByte()];
        Measurement m = switch (kind) {
            case RANK_ONE -> {
                double[] a = readVector(in);
                yield new Measurement.RankOne(a, in.readDouble());
            }
            case ENTRY -> {
                int i = in.readInt();
                int j = in.readInt();
                yield new Measurement.Entry(i, j, in.readDouble());
            }
            case BILINEAR -> {
                double[] a = readVector(in);
                double[] b = readVector(in);
                yield new Measurement.Bilinear(a, b, in.readDouble());
            }
            case GAUSSIAN -> {
                long seed = in.readLong();
                yield new Measurement.Gaussian(seed, in.readDouble());
            }
            case DENSE -> {
                double[] a = readVector(in);
                yield new Measurement.Dense(a, in.readDouble());
            }
        };
        return new JournalRecord(arrival, device == null ? "" : device, seq, m);
    }

    private static void writeVector(BytesOut<?> out, double[] v) {
        out.writeInt(v.length);
        for (double x : v) {
            out.writeDouble(x);
        }
    }

    private static double[] readVector(BytesIn<?> in) {
        int n = in.readInt();
        if (n < 0 || (long) n * Double.BYTES > in.readRemaining()) {
            throw new IllegalStateException("journal excerpt: vector of " + n + " doubles, but only "
                    + in.readRemaining() + " bytes left");
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readDouble();
        }
        return v;
    }
}
