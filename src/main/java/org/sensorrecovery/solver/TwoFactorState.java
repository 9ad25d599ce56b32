package org.sensorrecovery.solver;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Everything a restart of the two-factor solver needs to resume exactly where it stopped: the
 * factors U (rows x k) and V (cols x k), their width, the step size, the calibration, the counters
 * and the random state. Serializes to bytes and back bit for bit.
 */
final class TwoFactorState {

    private static final int MAGIC = 0x53525446; // "SRTF"
    private static final int VERSION = 1;
    private static final int HEADER_INTS = 6;
    private static final int FIELDS = 9;
    private static final int FLAGS = 1;

    final int rows;
    final int cols;
    final int maxWidth;
    final double[] u;
    final double[] v;
    final Rng rng;
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

    TwoFactorState(int rows, int cols, int maxWidth, long seed) {
        this.rows = rows;
        this.cols = cols;
        this.maxWidth = maxWidth;
        this.u = new double[Math.multiplyExact(rows, maxWidth)];
        this.v = new double[Math.multiplyExact(cols, maxWidth)];
        this.rng = new Rng(seed);
        this.k = maxWidth;
    }

    boolean calibrated() {
        return operatorScale > 0;
    }

    void calibrate(double operatorScale, double dataScale, int size) {
        this.operatorScale = operatorScale;
        this.dataScale = dataScale;
        this.calibratedSize = size;
    }

    /** The typical singular value of U_0 V_0^T (both factors start with U^T U ~ alphaAbs^2 I). */
    double initScale() {
        return alphaAbs * alphaAbs;
    }

    /** U_0 = alpha sqrt(||X*||_est) N(0, 1/rows), V_0 = alpha sqrt(||X*||_est) N(0, 1/cols), full width. */
    void initialize(double alpha) {
        k = maxWidth;
        shrunk = false;
        alphaAbs = alpha * Math.sqrt(dataScale);
        fill(u, 0, rows * k, alphaAbs / Math.sqrt(rows));
        fill(v, 0, cols * k, alphaAbs / Math.sqrt(cols));
    }

    private void fill(double[] f, int from, int to, double sd) {
        for (int i = from; i < to; i++) {
            f[i] = sd * rng.normal();
        }
    }

    /** Replaces the factors by the rows x target and cols x target ones given. */
    void resize(int target, double[] newU, double[] newV) {
        System.arraycopy(newU, 0, u, 0, rows * target);
        System.arraycopy(newV, 0, v, 0, cols * target);
        k = target;
        shrunk = true;
    }

    /** Appends small random columns to both factors up to newWidth. */
    void widen(int newWidth) {
        widen(u, rows, newWidth, alphaAbs / Math.sqrt(rows));
        widen(v, cols, newWidth, alphaAbs / Math.sqrt(cols));
        k = newWidth;
    }

    private void widen(double[] f, int n, int newWidth, double sd) {
        for (int i = n - 1; i >= 0; i--) {
            System.arraycopy(f, i * k, f, i * newWidth, k);
        }
        for (int i = 0; i < n; i++) {
            for (int c = k; c < newWidth; c++) {
                f[i * newWidth + c] = sd * rng.normal();
            }
        }
    }

    byte[] toBytes() {
        int n = (rows + cols) * k;
        ByteBuffer b = ByteBuffer.allocate(4 * HEADER_INTS + 8 * FIELDS + FLAGS + 8 * n);
        b.putInt(MAGIC).putInt(VERSION).putInt(rows).putInt(cols).putInt(maxWidth).putInt(k);
        b.putDouble(eta).putLong(iterations).putLong(rejected).putLong(resets);
        b.put((byte) (shrunk ? 1 : 0));
        b.putDouble(operatorScale).putDouble(dataScale).putDouble(alphaAbs).putLong(calibratedSize);
        b.putLong(rng.state());
        for (int i = 0; i < rows * k; i++) {
            b.putDouble(u[i]);
        }
        for (int i = 0; i < cols * k; i++) {
            b.putDouble(v[i]);
        }
        return b.array();
    }

    void readFrom(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            require(b.getInt() == MAGIC, "not a two-factor solver checkpoint");
            int version = b.getInt();
            require(version == VERSION, "checkpoint version " + version + ", expected " + VERSION);
            int cr = b.getInt();
            int cc = b.getInt();
            int cmax = b.getInt();
            require(cr == rows && cc == cols && cmax == maxWidth, "checkpoint is for " + cr + " x " + cc + ", k<=" + cmax
                    + ", this solver has " + rows + " x " + cols + ", k<=" + maxWidth);
            int ck = b.getInt();
            require(ck >= 1 && ck <= maxWidth, "checkpoint width " + ck + " out of range");
            require(b.remaining() == 8 * FIELDS + FLAGS + 8 * (rows + cols) * ck, "checkpoint truncated or padded");
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
            long rngState = b.getLong();
            for (int i = 0; i < rows * k; i++) {
                u[i] = b.getDouble();
            }
            for (int i = 0; i < cols * k; i++) {
                v[i] = b.getDouble();
            }
            rng.reset(rngState);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("checkpoint: truncated", e);
        }
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("checkpoint: " + problem);
        }
    }
}
