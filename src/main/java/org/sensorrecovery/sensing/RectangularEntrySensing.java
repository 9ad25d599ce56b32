package org.sensorrecovery.sensing;

import java.util.Arrays;

/**
 * Entry samples of a rectangular rows x cols matrix (matrix completion): y = X_ij = u_i . v_j with
 * u_i row i of U and v_j row j of V, O(k) per measurement. e_i e_j^T V puts v_j on row i of the
 * U-gradient; its transpose puts u_i on row j of the V-gradient.
 */
public class RectangularEntrySensing extends MeasurementWindow implements FactorSensing {

    private int[] rowIndex;
    private int[] colIndex;

    public RectangularEntrySensing(int rows, int cols, int capacity) {
        super(Kind.ENTRY, rows, cols, capacity);
        this.rowIndex = new int[allocatedRows()];
        this.colIndex = new int[allocatedRows()];
    }

    @Override
    protected void resizeRows(int rows) {
        rowIndex = java.util.Arrays.copyOf(rowIndex, rows);
        colIndex = java.util.Arrays.copyOf(colIndex, rows);
    }

    /** A row's unsampled entries can change by a rank-one term the window cannot see. */
    @Override
    public boolean spareColumnsOverfit() {
        return true;
    }

    @Override
    public void validate(Measurement m) {
        Measurement.Entry e = requireKind(m, Measurement.Entry.class, Kind.ENTRY);
        requireIndex("i", e.i(), rows());
        requireIndex("j", e.j(), cols());
        requireFinite("y", e.y());
    }

    static void requireIndex(String field, int v, int bound) {
        if (v < 0 || v >= bound) {
            throw new InvalidMeasurementException(field, "index " + v + " out of range [0, " + bound + ")");
        }
    }

    @Override
    protected void store(int row, Measurement m) {
        Measurement.Entry e = (Measurement.Entry) m;
        rowIndex[row] = e.i();
        colIndex[row] = e.j();
    }

    @Override
    public void predict(double[] u, double[] v, int k, double[] pred) {
        int m = size();
        for (int t = 0; t < m; t++) {
            pred[t] = rowDot(u, rowIndex[t] * k, v, colIndex[t] * k, k);
        }
    }

    /** Tied (u the same array as v, gu as gv): the factor's rows i and j each take the other's. */
    @Override
    public void gradient(double[] w, double[] u, double[] v, int k, double[] gu, double[] gv) {
        Arrays.fill(gu, 0, rows() * k, 0.0);
        Arrays.fill(gv, 0, cols() * k, 0.0);
        int m = size();
        for (int t = 0; t < m; t++) {
            double wt = w[t];
            int ri = rowIndex[t] * k;
            int cj = colIndex[t] * k;
            for (int c = 0; c < k; c++) {
                gu[ri + c] += wt * v[cj + c];
                gv[cj + c] += wt * u[ri + c];
            }
        }
    }

    @Override
    public void direction(double[] u, double[] v, double[] du, double[] dv, int k, double[] q, double[] s) {
        int m = size();
        for (int t = 0; t < m; t++) {
            int ri = rowIndex[t] * k;
            int cj = colIndex[t] * k;
            q[t] = rowDot(du, ri, v, cj, k) + rowDot(u, ri, dv, cj, k);
            s[t] = rowDot(du, ri, dv, cj, k);
        }
    }

    @Override
    public void moveAlong(double eta, int k) {
        // Predictions are recomputed from rows of U and V on demand: nothing cached.
    }

    private static double rowDot(double[] x, int xo, double[] y, int yo, int k) {
        double s = 0.0;
        for (int c = 0; c < k; c++) {
            s += x[xo + c] * y[yo + c];
        }
        return s;
    }
}
