package org.sensorrecovery.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Drops repeated (device, seq) pairs and counts the seqs that never came. Per device it keeps the
 * highest seq seen and a bitmap of the {@value #WINDOW} seqs below it (the anti-replay window of
 * IPsec, RFC 4303 section 3.4.3), so a measurement delivered out of order is still accepted once,
 * while a redelivery is dropped. A seq older than the window cannot be told apart from a
 * redelivery and is reported as such.
 * <p>
 * Missing: a seq more than {@value #REORDER_WINDOW} below the device's highest that has not
 * arrived, or, once the device's highest has not moved for the limit given to {@link #sweep}, any
 * seq below its highest that has not arrived. Seqs below the first one a device sent are not
 * missing (a device that starts at 1000 has not lost 0..999). A late arrival of a missing seq (still
 * within the window) is accepted and taken back. Memory: WINDOW / 8 bytes per device. One owner
 * thread.
 */
public final class DuplicateFilter {

    /** How many seqs below the highest one are remembered per device. */
    public static final int WINDOW = 4096;

    /** How far (in seqs) a measurement may arrive behind a later one before its absence counts as missing. */
    public static final int REORDER_WINDOW = 64;

    /** How long a device's highest seq must stay put before the gaps below it count as missing (for {@link #sweep}). */
    public static final long QUIET_NANOS = 30_000_000_000L;

    /** Leads the current state format; negative, so it cannot be the device count of the first format. */
    private static final int FORMAT_2 = -2;

    /** The verdict on one (device, seq). */
    public enum Verdict { NEW, DUPLICATE, TOO_OLD }

    private final Map<String, DeviceWindow> devices = new HashMap<>();
    private long missing;

    /** Checks (device, seq) without recording it. */
    public Verdict check(String device, long seq) {
        DeviceWindow w = devices.get(device);
        return w == null ? Verdict.NEW : w.check(seq);
    }

    /** Records (device, seq) as accepted; call only after {@link #check} returned NEW. */
    public void record(String device, long seq) {
        missing = total(missing, devices.computeIfAbsent(device, k -> new DeviceWindow()).record(seq));
    }

    /**
     * Counts as missing every gap below the highest seq of each device whose highest has not moved
     * for limitNanos, as seen by successive calls: a gap is counted between limitNanos and
     * limitNanos plus one call period after its device went quiet. Call periodically.
     *
     * @param nowNanos a monotonic clock's reading (the caller's; the filter reads no clock)
     * @return how many seqs this call counted as missing
     */
    public long sweep(long nowNanos, long limitNanos) {
        long counted = 0;
        for (DeviceWindow w : devices.values()) {
            counted = total(counted, w.sweep(nowNanos, limitNanos));
        }
        missing = total(missing, counted);
        return counted;
    }

    /** Adds without wrapping: two devices that each jumped to seq 2^62 must not make the total negative. */
    private static long total(long missing, long change) {
        long sum = missing + change;
        return ((missing ^ sum) & (change ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** Seqs judged never to have arrived, over every device (late arrivals taken back). */
    public long missing() {
        return missing;
    }

    /** Devices tracked. */
    public int devices() {
        return devices.size();
    }

    /** The whole state as bytes, for checkpoints. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT_2);
            out.writeInt(devices.size());
            for (Map.Entry<String, DeviceWindow> e : devices.entrySet()) {
                DeviceWindow w = e.getValue();
                out.writeUTF(e.getKey());
                out.writeLong(w.highest);
                out.writeLong(w.first);
                out.writeLong(w.countedBelow);
                out.writeLong(w.missing);
                for (long word : w.bits()) {
                    out.writeLong(word);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Rebuilds a filter from {@link #toBytes()}, or from the first format (no missing account: it
     * starts after each device's highest seq).
     *
     * @throws IllegalArgumentException when the bytes are not a filter's state
     */
    public static DuplicateFilter fromBytes(byte[] state) {
        DuplicateFilter filter = new DuplicateFilter();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            int head = in.readInt();
            boolean format2 = head == FORMAT_2;
            if (head < 0 && !format2) {
                throw new IllegalArgumentException("duplicate filter state: unknown format " + head);
            }
            int n = format2 ? in.readInt() : head;
            if (n < 0) {
                throw new IllegalArgumentException("duplicate filter state: negative device count " + n);
            }
            for (int i = 0; i < n; i++) {
                String device = in.readUTF();
                DeviceWindow w = format2 ? readDevice(in, device) : readFirstFormatDevice(in);
                filter.devices.put(device, w);
                filter.missing = total(filter.missing, w.missing);
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("duplicate filter state: " + in.available() + " trailing bytes");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("duplicate filter state: truncated", e);
        }
        return filter;
    }

    private static DeviceWindow readDevice(DataInputStream in, String device) throws IOException {
        DeviceWindow w = new DeviceWindow();
        w.highest = in.readLong();
        w.first = in.readLong();
        w.countedBelow = in.readLong();
        w.missing = in.readLong();
        readBits(in, w);
        if (w.highest < 0 || w.missing < 0 || w.first < 0 || w.first > w.countedBelow || w.countedBelow > DeviceWindow.above(w.highest)
                || w.countedBelow <= w.highest - WINDOW) {
            throw new IllegalArgumentException("duplicate filter state: device " + device + ": inconsistent account (highest "
                    + w.highest + ", first " + w.first + ", countedBelow " + w.countedBelow + ", missing " + w.missing + ")");
        }
        return w;
    }

    private static DeviceWindow readFirstFormatDevice(DataInputStream in) throws IOException {
        DeviceWindow w = new DeviceWindow();
        w.highest = in.readLong();
        readBits(in, w);
        w.first = DeviceWindow.above(w.highest);
        w.countedBelow = w.first;
        return w;
    }

    private static void readBits(DataInputStream in, DeviceWindow w) throws IOException {
        long[] bits = w.bits();
        for (int b = 0; b < bits.length; b++) {
            bits[b] = in.readLong();
        }
    }
}
