package org.sensorrecovery.sensing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A bounded ring of the most recent measurements: memory stays bounded on a gateway. Rows
 * [0, size) of the kind-specific arrays are valid; order does not matter to the loss, so a new
 * measurement overwrites the oldest row in place once the ring is full. The arrays hold
 * {@link #allocatedRows()} rows, from {@value #FIRST_ROWS} up, doubled as data arrives until they
 * hold the capacity: an array costs what its data needs, not window x d up front.
 *
 * <p>Each row also keeps the device that sent it (a small id, see {@link #device(int)}) and a
 * ticket: a well-mixed 24-bit hash of the measurement's position in the stream, so that a solver
 * can hold out a fixed share of the rows for validation (ticket &lt; share * 2^24) and the same
 * measurement stays held out for as long as it is in the window.
 */
public abstract class MeasurementWindow {

    /** Tickets are uniform in [0, TICKETS). */
    public static final int TICKETS = 1 << 24;
    /** Distinct devices tracked; later ones share the id of the last slot. */
    static final int MAX_DEVICES = 4096;

    private final Kind kind;
    private final int rows;
    private final int cols;
    /** Rows allocated before the first doubling. */
    static final int FIRST_ROWS = 256;

    protected final int capacity;
    protected double[] y;
    private int[] sources;
    private int[] tickets;
    private int allocated;
    private final Map<String, Integer> deviceIds = new HashMap<>();
    private String[] deviceNames = new String[8];
    private int pendingSource;
    private int size;
    private int next;
    private long added;

    /** A window of a symmetric d x d array of the given kind. */
    protected MeasurementWindow(Kind kind, int d, int capacity) {
        this(kind, requirePositive("d", d), d, capacity);
    }

    /** A window of a rows x cols array of the given kind. */
    protected MeasurementWindow(Kind kind, int rows, int cols, int capacity) {
        this.kind = kind;
        this.rows = requirePositive("rows", rows);
        this.cols = requirePositive("cols", cols);
        this.capacity = requirePositive("capacity", capacity);
        this.allocated = Math.min(capacity, FIRST_ROWS);
        this.y = new double[allocated];
        this.sources = new int[allocated];
        this.tickets = new int[allocated];
        deviceIds.put("", 0);
        deviceNames[0] = "";
    }

    static int requirePositive(String field, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(field + ": must be at least 1, got " + v);
        }
        return v;
    }

    public Kind kind() {
        return kind;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /**
     * Validates m against this array and adds it, overwriting the oldest once full.
     *
     * @throws InvalidMeasurementException naming the field; the window is then unchanged
     */
    public final void add(Measurement m) {
        validate(m);
        store(claimRow(m.y()), m);
    }

    /**
     * Checks m against this array without adding it.
     *
     * @throws InvalidMeasurementException naming the field
     */
    public abstract void validate(Measurement m);

    /** Keeps the sensing data of a validated m in the given row (its value is stored already). */
    protected abstract void store(int row, Measurement m);

    /**
     * Grows the kind's per-row arrays to the given rows, keeping their content (called when the
     * window's own arrays grow; the rows in use are unchanged).
     */
    protected abstract void resizeRows(int rows);

    /** Adds m as sent by the named device (the empty string for an anonymous one). */
    public final void add(Measurement m, String device) {
        pendingSource = deviceId(device == null ? "" : device);
        try {
            add(m);
        } finally {
            pendingSource = 0;
        }
    }

    /** The device id of each row, [0, size) valid; names from {@link #device(int)}. Not to be modified. */
    public final int[] sources() {
        return sources;
    }

    /** The ticket of each row, uniform in [0, {@link #TICKETS}), [0, size) valid. Not to be modified. */
    public final int[] tickets() {
        return tickets;
    }

    /** Distinct device ids so far (ids are 0 .. devices() - 1; 0 is the anonymous device). */
    public final int devices() {
        return deviceIds.size();
    }

    /** The name of a device id. */
    public final String device(int id) {
        return deviceNames[id];
    }

    private int deviceId(String device) {
        Integer id = deviceIds.get(device);
        if (id != null) {
            return id;
        }
        if (deviceIds.size() >= MAX_DEVICES) {
            return MAX_DEVICES - 1;
        }
        int fresh = deviceIds.size();
        if (fresh == deviceNames.length) {
            deviceNames = Arrays.copyOf(deviceNames, 2 * fresh);
        }
        deviceNames[fresh] = device;
        deviceIds.put(device, fresh);
        return fresh;
    }

    /** Most measurements the window holds. */
    public final int capacity() {
        return capacity;
    }

    /** Rows the arrays hold now, at most the capacity: per-row workspaces are sized by it. */
    public final int allocatedRows() {
        return allocated;
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
        if (next == allocated) {
            grow();
        }
        int row = next;
        y[row] = v;
        sources[row] = pendingSource;
        tickets[row] = ticket(added);
        next = next + 1 == capacity ? 0 : next + 1;
        if (size < capacity) {
            size++;
        }
        added++;
        return row;
    }

    /** Doubles the rows (up to the capacity): only while the ring is not yet full, so rows keep their places. */
    private void grow() {
        int rows = (int) Math.min(capacity, 2L * allocated);
        y = Arrays.copyOf(y, rows);
        sources = Arrays.copyOf(sources, rows);
        tickets = Arrays.copyOf(tickets, rows);
        resizeRows(rows);
        allocated = rows;
    }

    /** Copies a per-row array of width numbers a row to the given rows; allocates it when null (the first sizing). */
    protected static double[] resized(double[] a, int rows, int width) {
        int n = Math.multiplyExact(rows, width);
        return a == null ? new double[n] : Arrays.copyOf(a, n);
    }

    /** SplitMix64's finalizer of the stream position, top 24 bits. */
    static int ticket(long position) {
        long z = (position + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) ((z ^ (z >>> 31)) >>> 40);
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
