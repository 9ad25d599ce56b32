package org.sensorrecovery.solver;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Everything a restart needs to resume refining exactly where it stopped: the factor U, its width,
 * the step size, the calibration, the counters and the random state. Serializes to bytes and back
 * bit for bit.
 */
final class FactorState {

    private static final int MAGIC = 0x53524653; // "SRFS"
    private static final int VERSION = 1;

    final int d;
    final int maxWidth;
    final double[] u;
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

    FactorState(int d, int maxWidth, long seed) {
        this.d = d;
        this.maxWidth = maxWidth;
        this.u = new double[d * maxWidth];
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

    void setStep(double eta) {
        this.eta = eta;
    }

    /** Expected eigenvalue of U_0^T U_0. */
    double initScale() {
        return alphaAbs * alphaAbs;
    }

    /** U_0 = alpha sqrt(||X*||_est) N(0, 1/d), full width. */
    void initialize(double alpha) {
        k = maxWidth;
        shrunk = false;
        alphaAbs = alpha * Math.sqrt(dataScale);
        double sd = alphaAbs / Math.sqrt(d);
        for (int i = 0; i < d * k; i++) {
            u[i] = sd * rng.normal();
        }
    }

    /** Replaces U by the d x target factor in projected. */
    void resize(int target, double[] projected) {
        System.arraycopy(projected, 0, u, 0, d * target);
        k = target;
        shrunk = true;
    }

    /** Appends small random columns up to newWidth. */
    void widen(int newWidth) {
        double sd = alphaAbs / Math.sqrt(d);
        for (int i = d - 1; i >= 0; i--) {
            System.arraycopy(u, i * k, u, i * newWidth, k);
        }
        for (int i = 0; i < d; i++) {
            for (int c = k; c < newWidth; c++) {
                u[i * newWidth + c] = sd * rng.normal();
            }
        }
        k = newWidth;
    }

    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(4 * 5 + 8 * 9 + 1 + 8 * d * k);
        b.putInt(MAGIC).putInt(VERSION).putInt(d).putInt(maxWidth).putInt(k);
        b.putDouble(eta).putLong(iterations).putLong(rejected).putLong(resets);
        b.put((byte) (shrunk ? 1 : 0));
        b.putDouble(operatorScale).putDouble(dataScale).putDouble(alphaAbs).putLong(calibratedSize);
        b.putLong(rng.state());
        for (int i = 0; i < d * k; i++) {
            b.putDouble(u[i]);
        }
        return b.array();
    }

    void readFrom(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            require(b.getInt() == MAGIC, "not a solver checkpoint");
            int version = b.getInt();
            require(version == VERSION, "checkpoint version " + version + ", expected " + VERSION);
            int cd = b.getInt();
            int cmax = b.getInt();
            require(cd == d && cmax == maxWidth, "checkpoint is for d=" + cd + ", k<=" + cmax
                    + ", this solver has d=" + d + ", k<=" + maxWidth);
            int ck = b.getInt();
            require(ck >= 1 && ck <= maxWidth, "checkpoint width " + ck + " out of range");
            require(b.remaining() == 8 * 9 + 1 + 8 * d * ck, "checkpoint truncated or padded");
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
            for (int i = 0; i < d * k; i++) {
                u[i] = b.getDouble();
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
