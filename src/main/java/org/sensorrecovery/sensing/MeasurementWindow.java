package org.sensorrecovery.sensing;

/**
 * A bounded ring of the most recent measurements: memory stays fixed on a gateway. Rows
 * [0, size) of the kind-specific arrays are valid; order does not matter to the loss, so a new
 * measurement overwrites the oldest row in place once the ring is full.
 */
public abstract class MeasurementWindow {

    protected final int capacity;
    protected final double[] y;
    private int size;
    private int next;
    private long added;

    protected MeasurementWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.y = new double[capacity];
    }

    /** Most measurements the window holds. */
    public final int capacity() {
        return capacity;
    }

    /** Measurements currently held. */
    public final int size() {
        return size;
    }

    /** Measurements ever added, including those since overwritten. */
    public final long added() {
        return added;
    }

    /** The measured values; entries [0, size) are valid. Not to be modified. */
    public final double[] values() {
        return y;
    }

    /** Forgets every measurement. */
    public void clear() {
        size = 0;
        next = 0;
    }

    /** Reserves the row for a validated measurement with value v and returns it. */
    protected final int claimRow(double v) {
        int row = next;
        y[row] = v;
        next = next + 1 == capacity ? 0 : next + 1;
        if (size < capacity) {
            size++;
        }
        added++;
        return row;
    }

    protected static double requireFinite(String field, double v) {
        if (!Double.isFinite(v)) {
            throw new InvalidMeasurementException(field, "must be a finite number, got " + v);
        }
        return v;
    }

    protected static void requireVector(String field, double[] v, int length) {
        if (v == null) {
            throw new InvalidMeasurementException(field, "missing, expected " + length + " numbers");
        }
        if (v.length != length) {
            throw new InvalidMeasurementException(field, "expected " + length + " numbers, got " + v.length);
        }
        for (int i = 0; i < length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new InvalidMeasurementException(field, "element " + i + " is not finite (" + v[i] + ")");
            }
        }
    }

    protected static <T extends Measurement> T requireKind(Measurement m, Class<T> type, Kind kind) {
        if (!type.isInstance(m)) {
            throw new InvalidMeasurementException("kind", "array takes " + kind.key() + " measurements, got "
                    + (m == null ? "null" : m.kind().key()));
        }
        return type.cast(m);
    }
}
