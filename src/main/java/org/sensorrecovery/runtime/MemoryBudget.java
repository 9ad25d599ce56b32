package org.sensorrecovery.runtime;

import java.util.List;
import java.util.Locale;

import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.ConfigException;
import org.sensorrecovery.config.GatewayConfig;

/**
 * The heap a gateway needs once every array's window is full, so that a config that cannot fit is
 * refused before anything starts (not an OutOfMemoryError hours later, when the windows fill).
 * Per array the solver keeps, per measurement of its window: y and bookkeeping, five residual-size
 * vectors of the solver and three of the robust weights (80 bytes), plus what the kind stores (a
 * rank-one row a and two k-wide images; two indices of an entry; the d x d matrix of a gaussian or
 * dense measurement; a, b and four k-wide images of a bilinear one); per factor entry eight
 * copies (factor, gradient, direction, best, conjugate history); and four rows x cols matrices
 * (the estimate's readout, a matrix kind's work). k is the rank bound, or the full
 * width when none is given (the widest the solver may grow). {@code MemoryBudgetTest} checks these
 * against the heap that real windows take.
 */
public final class MemoryBudget {

    /** The runtime's own heap besides the arrays: broker, MQTT client, journals' indexes, HTTP. */
    static final long BASELINE_BYTES = 24L << 20;
    private static final long PER_MEASUREMENT = 80;

    private MemoryBudget() {
    }

    /** Bytes one array's solver holds with its window full. */
    public static long arrayBytes(ArrayConfig a) {
        long rows = a.rectangular() ? a.rows() : a.d();
        long cols = a.rectangular() ? a.cols() : a.d();
        long k = a.width();
        long perMeasurement = PER_MEASUREMENT + switch (a.kind()) {
            case RANK_ONE -> 8 * rows + 16 * k;
            case ENTRY -> 8;
            case GAUSSIAN, DENSE -> 8 * rows * cols + 16;
            case BILINEAR -> 8 * (rows + cols) + 32 * k;
        };
        return a.window() * perMeasurement + 8 * 8 * (rows + cols) * k + 8 * 4 * rows * cols;
    }

    /** Bytes the whole gateway needs with every window full. */
    public static long gatewayBytes(List<ArrayConfig> arrays) {
        long total = BASELINE_BYTES;
        for (ArrayConfig a : arrays) {
            total += arrayBytes(a);
        }
        return total;
    }

    /**
     * Refuses a config whose full windows do not fit the heap.
     *
     * @param maxHeapBytes the JVM's -Xmx (Runtime.maxMemory())
     * @throws ConfigException naming what it needs, the largest arrays and what to change
     */
    public static void check(GatewayConfig c, long maxHeapBytes) throws ConfigException {
        long need = gatewayBytes(c.arrays());
        if (need <= maxHeapBytes) {
            return;
        }
        ArrayConfig largest = c.arrays().stream().max((x, y) -> Long.compare(arrayBytes(x), arrayBytes(y))).orElseThrow();
        throw new ConfigException(String.format(Locale.ROOT,
                "arrays: %d arrays need about %s of heap once their windows are full (%s for the runtime itself; "
                        + "the largest, %s, %s), but the JVM may use %s (-Xmx): lower window or rankBound, move arrays "
                        + "to another runtime, or raise -Xmx (deploy/jvm.options)",
                c.arrays().size(), mb(need), mb(BASELINE_BYTES), largest.id(), mb(arrayBytes(largest)), mb(maxHeapBytes)));
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }
}
