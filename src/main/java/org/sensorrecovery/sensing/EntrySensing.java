package org.sensorrecovery.sensing;

/**
 * Entry samples of a symmetric matrix (correlation completion): y = X_ij = u_i . u_j, O(k) per
 * measurement. sym(e_i e_j^T) U puts u_j / 2 on row i and u_i / 2 on row j.
 */
public final class EntrySensing extends MeasurementWindow implements SymmetricSensing {

    private final int d;
    private final int[] rowIndex;
    private final int[] colIndex;

    public EntrySensing(int d, int capacity) {
        super(capacity);
        this.d = RankOneSensing.requirePositive("d", d);
        this.rowIndex = new int[capacity];
        this.colIndex = new int[capacity];
    }

    @Override
    public Kind kind() {
        return Kind.ENTRY;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public boolean growthIsSignal() {
        return false;
    }

    @Override
    public void validate(Measurement m) {
        Measurement.Entry e = requireKind(m, Measurement.Entry.class, Kind.ENTRY);
        requireIndex("i", e.i(), d);
        requireIndex("j", e.j(), d);
        requireFinite("y", e.y());
    }

    static void requireIndex(String field, int v, int bound) {
        if (v < 0 || v >= bound) {
            throw new InvalidMeasurementException(field, "index " + v + " out of range [0, " + bound + ")");
        }
    }

    @Override
    public void add(Measurement m) {
        validate(m);
        Measurement.Entry e = (Measurement.Entry) m;
        int row = claimRow(e.y());
        rowIndex[row] = e.i();
        colIndex[row] = e.j();
    }

    @Override
    public void predict(double[] u, int k, double[] pred) {
        int m = size();
        for (int t = 0; t < m; t++) {
            pred[t] = rowDot(u, rowIndex[t] * k, u, colIndex[t] * k, k);
        }
    }

    @Override
    public void gradient(double[] w, double[] u, int k, double[] g) {
        java.util.Arrays.fill(g, 0, d * k, 0.0);
        int m = size();
        for (int t = 0; t < m; t++) {
            double half = 0.5 * w[t];
            int ri = rowIndex[t] * k;
            int rj = colIndex[t] * k;
            for (int c = 0; c < k; c++) {
                g[ri + c] += half * u[rj + c];
                g[rj + c] += half * u[ri + c];
            }
        }
    }

    @Override
    public void direction(double[] u, double[] dir, int k, double[] q, double[] s) {
        int m = size();
        for (int t = 0; t < m; t++) {
            int ri = rowIndex[t] * k;
            int rj = colIndex[t] * k;
            q[t] = rowDot(u, ri, dir, rj, k) + rowDot(dir, ri, u, rj, k);
            s[t] = rowDot(dir, ri, dir, rj, k);
        }
    }

    @Override
    public void moveAlong(double eta, int k) {
        // Predictions are recomputed from rows of U on demand: nothing cached.
    }

    private static double rowDot(double[] x, int xo, double[] y, int yo, int k) {
        double s = 0.0;
        for (int c = 0; c < k; c++) {
            s += x[xo + c] * y[yo + c];
        }
        return s;
    }
}
