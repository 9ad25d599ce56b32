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
    private final int maxRank;
    private double[] left;
    private double[] right;
    private double[] leftImage;
    private double[] rightImage;
    private double[] scratch;
    private double[] rightStep;

    public BilinearSensing(int rows, int cols, int capacity, int maxRank, Gemm gemm) {
        super(Kind.BILINEAR, rows, cols, capacity);
        this.rows = rows;
        this.cols = cols;
        this.maxRank = requirePositive("maxRank", maxRank);
        this.gemm = gemm;
        resizeRows(allocatedRows());
    }

    @Override
    protected void resizeRows(int n) {
        left = resized(left, n, rows);
        right = resized(right, n, cols);
        leftImage = resized(leftImage, n, maxRank);
        rightImage = resized(rightImage, n, maxRank);
        scratch = resized(scratch, n, maxRank);
        rightStep = resized(rightStep, n, maxRank);
    }

    @Override
    public void validate(Measurement m) {
        Measurement.Bilinear b = requireKind(m, Measurement.Bilinear.class, Kind.BILINEAR);
        requireVector("a", b.a(), rows);
        requireVector("b", b.b(), cols);
        requireFinite("y", b.y());
    }

    @Override
    protected void store(int row, Measurement m) {
        Measurement.Bilinear b = (Measurement.Bilinear) m;
        System.arraycopy(b.a(), 0, left, row * rows, rows);
        System.arraycopy(b.b(), 0, right, row * cols, cols);
    }

    @Override
    public void predict(double[] u, double[] v, int k, double[] pred) {
        int m = size();
        gemm.multiply(left, m, rows, u, k, leftImage);
        gemm.multiply(right, m, cols, v, k, rightImage);
        FactorImages.rowDots(leftImage, rightImage, m, k, pred);
    }

    @Override
    public void gradient(double[] w, double[] u, double[] v, int k, double[] gu, double[] gv) {
        int m = size();
        FactorImages.scaleRows(w, rightImage, m, k, scratch);
        gemm.multiplyTransposeA(left, m, rows, scratch, k, gu);
        FactorImages.scaleRows(w, leftImage, m, k, scratch);
        gemm.multiplyTransposeA(right, m, cols, scratch, k, gv);
    }

    @Override
    public void direction(double[] u, double[] v, double[] du, double[] dv, int k, double[] q, double[] s) {
        int m = size();
        // scratch = A DU: the gradient's row-scaled images are no longer needed once the step is known.
        gemm.multiply(left, m, rows, du, k, scratch);
        gemm.multiply(right, m, cols, dv, k, rightStep);
        // Row i: q = (A DU)_i . (B V)_i + (A U)_i . (B DV)_i, s = (A DU)_i . (B DV)_i.
        FactorImages.step(scratch, leftImage, rightStep, rightImage, m, k, q, s);
    }

    @Override
    public void moveAlong(double eta, int k) {
        FactorImages.move(leftImage, scratch, size() * k, eta);
        FactorImages.move(rightImage, rightStep, size() * k, eta);
    }
}
