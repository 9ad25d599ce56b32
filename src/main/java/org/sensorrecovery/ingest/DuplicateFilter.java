package org.sensorrecovery.ingest;

import java.util.HashMap;
import java.util.Map;

/**
 * Drops repeated (device, seq) pairs. Per device it keeps the highest seq seen and a bitmap of the
 * {@value #WINDOW} seqs below it (the anti-replay window of IPsec, RFC 4303 section 3.4.3), so a
 * measurement delivered out of order is still accepted once, while a redelivery is dropped.
 * A seq older than the window cannot be told apart from a redelivery and is reported as such.
 * Memory: WINDOW / 8 bytes per device. One owner thread.
 */
public final class DuplicateFilter {

    /** How many seqs below the highest one are remembered per device. */
    public static final int WINDOW = 4096;

    /** The verdict on one (device, seq). */
    public enum Verdict { NEW, DUPLICATE, TOO_OLD }

    private final Map<String, DeviceWindow> devices = new HashMap<>();

    /** Checks (device, seq) without recording it. */
    public Verdict check(String device, long seq) {
        DeviceWindow w = devices.get(device);
        return w == null ? Verdict.NEW : w.check(seq);
    }

    /** Records (device, seq) as accepted; call only after {@link #check} returned NEW. */
    public void record(String device, long seq) {
        devices.computeIfAbsent(device, k -> new DeviceWindow()).record(seq);
    }

    /** Devices tracked. */
    public int devices() {
        return devices.size();
    }

    /** The whole state as bytes, for checkpoints. */
    public byte[] toBytes() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(devices.size());
            for (Map.Entry<String, DeviceWindow> e : devices.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue().highest);
                for (long word : e.getValue().bits) {
                    out.writeLong(word);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Rebuilds a filter from {@link #toBytes()}.
     *
     * @throws IllegalArgumentException when the bytes are not a filter's state
     */
    public static DuplicateFilter fromBytes(byte[] state) {
        DuplicateFilter filter = new DuplicateFilter();
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(state))) {
            int n = in.readInt();
            if (n < 0) {
                throw new IllegalArgumentException("duplicate filter state: negative device count " + n);
            }
            for (int i = 0; i < n; i++) {
                DeviceWindow w = new DeviceWindow();
                String device = in.readUTF();
                w.highest = in.readLong();
                for (int b = 0; b < w.bits.length; b++) {
                    w.bits[b] = in.readLong();
                }
                filter.devices.put(device, w);
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("duplicate filter state: " + in.available() + " trailing bytes");
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("duplicate filter state: truncated", e);
        }
        return filter;
    }

    private static final class DeviceWindow {
        private final long[] bits = new long[WINDOW / 64];
        private long highest = -1;

        Verdict check(long seq) {
            if (seq > highest) {
                return Verdict.NEW;
            }
            long age = highest - seq;
            if (age >= WINDOW) {
                return Verdict.TOO_OLD;
            }
            return isSet(seq) ? Verdict.DUPLICATE : Verdict.NEW;
        }

        void record(long seq) {
            if (seq > highest) {
                long shift = highest < 0 ? WINDOW : seq - highest;
                if (shift >= WINDOW) {
                    java.util.Arrays.fill(bits, 0L);
                } else {
                    for (long s = highest + 1; s < seq; s++) {
                        clear(s);
                    }
                }
                highest = seq;
            }
            set(seq);
        }

        private boolean isSet(long seq) {
            int slot = (int) Math.floorMod(seq, (long) WINDOW);
            return (bits[slot >>> 6] & (1L << (slot & 63))) != 0;
        }

        private void set(long seq) {
            int slot = (int) Math.floorMod(seq, (long) WINDOW);
            bits[slot >>> 6] |= 1L << (slot & 63);
        }

        private void clear(long seq) {
            int slot = (int) Math.floorMod(seq, (long) WINDOW);
            bits[slot >>> 6] &= ~(1L << (slot & 63));
        }
    }
}
