package org.sensorrecovery.sensing;

import org.sensorrecovery.linalg.Gemm;

/**
 * Full sensing matrices: dense A sent by the device, or seeded Gaussian A(seed) regenerated from
 * the contract's PRNG. Stores sym(A_i) as rows of an m x d^2 matrix; since X is symmetric,
 * &lt;A, X&gt; = &lt;sym(A), X&gt;. An iteration costs O(m d^2 + d^2 k): form X = U U^T, one
 * matrix-vector product for the predictions, one for S = sum w_i A_i, then S U.
 */
public final class MatrixSensing extends MeasurementWindow implements SymmetricSensing {

    private final int d;
    private final int dd;
    private final Gemm gemm;
    private double[] a;
    private final double[] pair;
    private double[] images;
    private final double[] weighted;
    private final double[] incoming;

    /**
     * @param kind {@link Kind#GAUSSIAN} or {@link Kind#DENSE}
     */
    public MatrixSensing(Kind kind, int d, int capacity, Gemm gemm) {
        super(matrixKind(kind), d, capacity);
        this.d = d;
        this.dd = Math.multiplyExact(d, d);
        this.gemm = gemm;
        this.pair = new double[2 * dd];
        resizeRows(allocatedRows());
        this.weighted = new double[dd];
        this.incoming = new double[dd];
    }

    @Override
    protected void resizeRows(int rows) {
        a = resized(a, rows, dd);
        images = resized(images, rows, 2);
    }

    private static Kind matrixKind(Kind kind) {
        if (kind != Kind.GAUSSIAN && kind != Kind.DENSE) {
            throw new IllegalArgumentException("kind: matrix sensing takes gaussian or dense, got " + kind);
        }
        return kind;
    }

    @Override
    public void validate(Measurement m) {
        if (kind() == Kind.GAUSSIAN) {
            requireFinite("y", requireKind(m, Measurement.Gaussian.class, kind()).y());
        } else {
            Measurement.Dense dense = requireKind(m, Measurement.Dense.class, kind());
            requireVector("A", dense.a(), dd);
            requireFinite("y", dense.y());
        }
    }

    @Override
    protected void store(int row, Measurement m) {
        int off = row * dd;
        if (m instanceof Measurement.Gaussian g) {
            SeededGaussian.fill(g.seed(), d, incoming);
            System.arraycopy(incoming, 0, a, off, dd);
        } else {
            double[] src = ((Measurement.Dense) m).a();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    a[off + i * d + j] = 0.5 * (src[i * d + j] + src[j * d + i]);
                }
            }
        }
    }

    @Override
    public void predict(double[] u, int k, double[] pred) {
        outer(u, u, k, weighted);
        gemm.multiply(a, size(), dd, weighted, 1, pred);
    }

    @Override
    public void gradient(double[] w, double[] u, int k, double[] g) {
        gemm.multiplyTransposeA(a, size(), dd, w, 1, weighted);
        gemm.multiply(weighted, d, d, u, k, g);
    }

    @Override
    public void direction(double[] u, double[] dir, int k, double[] q, double[] s) {
        // pair is d^2 x 2 row-major: column 0 = U D^T + D U^T, column 1 = D D^T; one pass over A.
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double ud = 0.0;
                double du = 0.0;
                double dv = 0.0;
                int ri = i * k;
                int rj = j * k;
                for (int c = 0; c < k; c++) {
                    ud += u[ri + c] * dir[rj + c];
                    du += dir[ri + c] * u[rj + c];
                    dv += dir[ri + c] * dir[rj + c];
                }
                int cell = 2 * (i * d + j);
                pair[cell] = ud + du;
                pair[cell + 1] = dv;
            }
        }
        int m = size();
        gemm.multiply(a, m, dd, pair, 2, images);
        for (int t = 0; t < m; t++) {
            q[t] = images[2 * t];
            s[t] = images[2 * t + 1];
        }
    }

    @Override
    public void moveAlong(double eta, int k) {
        // Nothing cached: the gradient works from U directly.
    }

    /** out = x y^T (d x d) for d x k factors x and y. */
    private void outer(double[] x, double[] y, int k, double[] out) {
        for (int i = 0; i < d; i++) {
            int ri = i * k;
            for (int j = 0; j < d; j++) {
                int rj = j * k;
                double s = 0.0;
                for (int c = 0; c < k; c++) {
                    s += x[ri + c] * y[rj + c];
                }
                out[i * d + j] = s;
            }
        }
    }
}
