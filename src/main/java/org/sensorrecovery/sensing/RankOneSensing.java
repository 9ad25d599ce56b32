package org.sensorrecovery.sensing;

import org.sensorrecovery.linalg.Gemm;

/**
 * Rank-one (quadratic, power) measurements y = a^T X a = ||U^T a||^2. With the a_i stacked as
 * rows of A (m x d), an iteration is two products: B = A U and G = A^T (w .* B), 4 m d k flops.
 */
public final class RankOneSensing extends MeasurementWindow implements SymmetricSensing {

    private final int d;
    private final int maxRank;
    private final Gemm gemm;
    private double[] a;
    private double[] image;
    private double[] scratch;

    /**
     * @param maxRank the largest k the factor will have (sizes the workspaces)
     */
    public RankOneSensing(int d, int capacity, int maxRank, Gemm gemm) {
        super(Kind.RANK_ONE, d, capacity);
        this.d = d;
        this.maxRank = requirePositive("maxRank", maxRank);
        this.gemm = gemm;
        resizeRows(allocatedRows());
    }

    @Override
    protected void resizeRows(int rows) {
        a = resized(a, rows, d);
        image = resized(image, rows, maxRank);
        scratch = resized(scratch, rows, maxRank);
    }

    /** a a^T is PSD with mean about I: the trace direction dominates the raw gradient from a small start. */
    @Override
    public boolean centredWhileExploring() {
        return true;
    }

    @Override
    public void validate(Measurement m) {
        Measurement.RankOne r = requireKind(m, Measurement.RankOne.class, Kind.RANK_ONE);
        requireVector("a", r.a(), d);
        requireFinite("y", r.y());
    }

    @Override
    protected void store(int row, Measurement m) {
        System.arraycopy(((Measurement.RankOne) m).a(), 0, a, row * d, d);
    }

    @Override
    public void predict(double[] u, int k, double[] pred) {
        int m = size();
        checkRank(k);
        gemm.multiplyRowNorms(a, m, d, u, k, image, pred);
    }

    @Override
    public void gradient(double[] w, double[] u, int k, double[] g) {
        int m = size();
        // scratch = w .* B, row-scaled; g = A^T scratch.
        gemm.multiplyTransposeAScaled(a, m, d, w, image, k, scratch, g);
    }

    @Override
    public void direction(double[] u, double[] dir, int k, double[] q, double[] s) {
        int m = size();
        gemm.multiply(a, m, d, dir, k, scratch);
        FactorImages.step(scratch, image, scratch, image, m, k, q, s);
    }

    @Override
    public void moveAlong(double eta, int k) {
        FactorImages.move(image, scratch, size() * k, eta);
    }

    private void checkRank(int k) {
        if (k < 1 || k > maxRank) {
            throw new IllegalArgumentException("k: must be in [1, " + maxRank + "], got " + k);
        }
    }
}
