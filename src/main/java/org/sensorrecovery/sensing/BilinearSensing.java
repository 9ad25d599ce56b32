package org.sensorrecovery.sensing;

import org.sensorrecovery.linalg.Gemm;

/**
 * Bilinear measurements y = a^T X b of a rows x cols matrix X = U V^T:
 * with P = A U and Q = B V (m x k each), pred_i = P_i . Q_i, grad_U = A^T (w .* Q),
 * grad_V = B^T (w .* P). O((rows + cols) k) per measurement.
 */
public final class BilinearSensing extends MeasurementWindow implements FactorSensing {

    private final int rows;
    private final int cols;
    private final Gemm gemm;
    private final double[] left;
    private final double[] right;
    private final double[] leftImage;
    private final double[] rightImage;
    private final double[] scratch;
    private final double[] rightStep;

    public BilinearSensing(int rows, int cols, int capacity, int maxRank, Gemm gemm) {
        super(Kind.BILINEAR, rows, cols, capacity);
        this.rows = rows;
        this.cols = cols;
        requirePositive("maxRank", maxRank);
        this.gemm = gemm;
        this.left = new double[Math.multiplyExact(capacity, rows)];
        this.right = new double[Math.multiplyExact(capacity, cols)];
        this.leftImage = new double[Math.multiplyExact(capacity, maxRank)];
        this.rightImage = new double[Math.multiplyExact(capacity, maxRank)];
        this.scratch = new double[Math.multiplyExact(capacity, maxRank)];
        this.rightStep = new double[Math.multiplyExact(capacity, maxRank)];
    }

    @Override
    public void validate(Measurement m) {
        Measurement.Bilinear b = requireKind(m, Measurement.Bilinear.class, Kind.BILINEAR);
        requireVector("a", b.a(), rows);
        requireVector("b", b.b(), cols);
        requireFinite("y", b.y());
    }

    @Override
    public void add(Measurement m) {
        validate(m);
        Measurement.Bilinear b = (Measurement.Bilinear) m;
        int row = claimRow(b.y());
        System.arraycopy(b.a(), 0, left, row * rows, rows);
        System.arraycopy(b.b(), 0, right, row * cols, cols);
    }

    @Override
    public void predict(double[] u, double[] v, int k, double[] pred) {
        int m = size();
        gemm.multiply(left, m, rows, u, k, leftImage);
        gemm.multiply(right, m, cols, v, k, rightImage);
        for (int i = 0; i < m; i++) {
            int row = i * k;
            double s = 0.0;
            for (int c = 0; c < k; c++) {
                s += leftImage[row + c] * rightImage[row + c];
            }
            pred[i] = s;
        }
    }

    @Override
    public void gradient(double[] w, double[] u, double[] v, int k, double[] gu, double[] gv) {
        int m = size();
        scaleRows(w, rightImage, m, k, scratch);
        gemm.multiplyTransposeA(left, m, rows, scratch, k, gu);
        scaleRows(w, leftImage, m, k, scratch);
        gemm.multiplyTransposeA(right, m, cols, scratch, k, gv);
    }

    @Override
    public void direction(double[] u, double[] v, double[] du, double[] dv, int k, double[] q, double[] s) {
        int m = size();
        // scratch = A DU: the gradient's row-scaled images are no longer needed once the step is known.
        gemm.multiply(left, m, rows, du, k, scratch);
        gemm.multiply(right, m, cols, dv, k, rightStep);
        // Row i: q = (A DU)_i . (B V)_i + (A U)_i . (B DV)_i, s = (A DU)_i . (B DV)_i.
        for (int i = 0; i < m; i++) {
            int row = i * k;
            double cross = 0.0;
            double sq = 0.0;
            for (int c = 0; c < k; c++) {
                double p = scratch[row + c];
                double r = rightStep[row + c];
                cross += p * rightImage[row + c] + leftImage[row + c] * r;
                sq += p * r;
            }
            q[i] = cross;
            s[i] = sq;
        }
    }

    @Override
    public void moveAlong(double eta, int k) {
        int n = size() * k;
        for (int i = 0; i < n; i++) {
            leftImage[i] -= eta * scratch[i];
            rightImage[i] -= eta * rightStep[i];
        }
    }

    private static void scaleRows(double[] w, double[] src, int m, int k, double[] out) {
        for (int i = 0; i < m; i++) {
            int row = i * k;
            for (int c = 0; c < k; c++) {
                out[row + c] = w[i] * src[row + c];
            }
        }
    }
}
