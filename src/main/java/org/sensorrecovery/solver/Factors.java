package org.sensorrecovery.solver;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

import org.sensorrecovery.sensing.SeededGaussian;

/**
 * The factors U (rows x k) and V (cols x k; v is u when tied, X = U U^T) and all a restart needs to
 * resume exactly: width, step size, calibration, counters, random state (SplitMix64). To bytes and
 * back bit for bit ("SRFS", d when tied; "SRTF", rows, cols otherwise). Not saved: the run's
 * bookkeeping (width cap, widening budget, centring hand-over), which a restored solver starts afresh.
 */
final class Factors {

    private static final int TIED_MAGIC = 0x53524653; // "SRFS"
    private static final int PAIR_MAGIC = 0x53525446; // "SRTF"
    private static final int VERSION = 1;
    private static final int FIELDS = 9;
    private static final int FLAGS = 1;

    final int rows;
    final int cols;
    final boolean tied;
    final int maxWidth;
    /** The widest the factors may start or grow: maxWidth, or what the window identifies once a start failed. Not checkpointed. */
    int widthCap;
    /** The cap this start was made at (a larger cap later: the window grew). Not checkpointed either. */
    int startCap;
    final double[] u;
    final double[] v;
    /** SplitMix64 state: one long, so a checkpoint restores the draws exactly. */
    private long rngState;
    int k;
    double eta;
    long iterations;
    long rejected;
    long resets;
    boolean shrunk;
    double operatorScale = Double.NaN;
    double dataScale = Double.NaN;
    double alphaAbs;
    int calibratedSize;

    /** @param tied U U^T: rows must equal cols, and v is u */
    Factors(int rows, int cols, boolean tied, int maxWidth, long seed) {
        this.rows = rows;
        this.cols = cols;
        this.tied = tied;
        this.maxWidth = maxWidth;
        this.u = new double[Math.multiplyExact(rows, maxWidth)];
        this.v = tied ? u : new double[Math.multiplyExact(cols, maxWidth)];
        this.rngState = seed;
        this.k = maxWidth;
        this.widthCap = maxWidth;
        this.startCap = maxWidth;
    }

    /**
     * Degrees of freedom of a rank-w matrix of this shape: w (rows + cols - w) for U V^T,
     * w d - w (w - 1) / 2 for a PSD U U^T.
     */
    long degreesOfFreedom(int w) {
        return tied ? (long) w * rows - (long) w * (w - 1) / 2 : (long) w * (rows + cols - w);
    }

    /** Numbers in the factors at the current width (U only when tied). */
    int size() {
        return (tied ? rows : rows + cols) * k;
    }

    boolean calibrated() {
        return operatorScale > 0;
    }

    /** The typical singular value of U_0 V_0^T (both factors start with U^T U ~ alphaAbs^2 I). */
    double initScale() {
        return alphaAbs * alphaAbs;
    }

    /** U_0 = alpha sqrt(||X*||_est) N(0, 1/rows), V_0 likewise with 1/cols, at the width cap. */
    void initialize(double alpha) {
        shrunk = false;
        alphaAbs = alpha * Math.sqrt(dataScale);
        k = 0;
        startCap = widthCap;
        widen(widthCap);
    }

    /** Appends small random columns to the factors up to newWidth. */
    void widen(int newWidth) {
        widen(u, rows, newWidth, alphaAbs / Math.sqrt(rows));
        if (!tied) {
            widen(v, cols, newWidth, alphaAbs / Math.sqrt(cols));
        }
        k = newWidth;
    }

    private void widen(double[] f, int n, int newWidth, double sd) {
        for (int i = n - 1; i >= 0; i--) {
            System.arraycopy(f, i * k, f, i * newWidth, k);
        }
        for (int i = 0; i < n; i++) {
            for (int c = k; c < newWidth; c++) {
                f[i * newWidth + c] = sd * normal();
            }
        }
    }

    /** A standard normal draw (Box-Muller; the second value of the pair is dropped for simplicity). */
    double normal() {
        double u1 = uniform();
        double u2 = uniform();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    private double uniform() {
        rngState += SeededGaussian.GAMMA;
        return (SeededGaussian.mix(rngState) >>> 11) * 0x1.0p-53;
    }

    /** Copies the factors at the current width into bestU and bestV (or back, with restore). */
    void copy(double[] bestU, double[] bestV, boolean restore) {
        System.arraycopy(restore ? bestU : u, 0, restore ? u : bestU, 0, rows * k);
        if (!tied) {
            System.arraycopy(restore ? bestV : v, 0, restore ? v : bestV, 0, cols * k);
        }
    }

    byte[] toBytes() {
        int headerInts = tied ? 5 : 6;
        ByteBuffer b = ByteBuffer.allocate(4 * headerInts + 8 * FIELDS + FLAGS + 8 * size());
        b.putInt(tied ? TIED_MAGIC : PAIR_MAGIC).putInt(VERSION).putInt(rows);
        if (!tied) {
            b.putInt(cols);
        }
        b.putInt(maxWidth).putInt(k);
        b.putDouble(eta).putLong(iterations).putLong(rejected).putLong(resets);
        b.put((byte) (shrunk ? 1 : 0));
        b.putDouble(operatorScale).putDouble(dataScale).putDouble(alphaAbs).putLong(calibratedSize);
        b.putLong(rngState);
        b.asDoubleBuffer().put(u, 0, rows * k).put(v, 0, tied ? 0 : cols * k);
        return b.array();
    }

    void readFrom(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            require(b.getInt() == (tied ? TIED_MAGIC : PAIR_MAGIC), tied ? "not a solver checkpoint"
                    : "not a two-factor solver checkpoint");
            int version = b.getInt();
            require(version == VERSION, "checkpoint version " + version + ", expected " + VERSION);
            int cr = b.getInt();
            int cc = tied ? cr : b.getInt();
            int cmax = b.getInt();
            require(cr == rows && cc == cols && cmax == maxWidth, "checkpoint is for " + shape(cr, cc) + ", k<=" + cmax
                    + ", this solver has " + shape(rows, cols) + ", k<=" + maxWidth);
            int ck = b.getInt();
            require(ck >= 1 && ck <= maxWidth, "checkpoint width " + ck + " out of range");
            require(b.remaining() == 8 * FIELDS + FLAGS + 8 * (tied ? rows : rows + cols) * ck,
                    "checkpoint truncated or padded");
            k = ck;
            eta = b.getDouble();
            iterations = b.getLong();
            rejected = b.getLong();
            resets = b.getLong();
            shrunk = b.get() == 1;
            operatorScale = b.getDouble();
            dataScale = b.getDouble();
            alphaAbs = b.getDouble();
            calibratedSize = (int) b.getLong();
            rngState = b.getLong();
            b.asDoubleBuffer().get(u, 0, rows * k).get(v, 0, tied ? 0 : cols * k);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("checkpoint: truncated", e);
        }
    }

    private String shape(int r, int c) {
        return tied ? "d=" + r : r + " x " + c;
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("checkpoint: " + problem);
        }
    }
}
