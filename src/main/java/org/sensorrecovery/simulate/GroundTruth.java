package org.sensorrecovery.simulate;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * X*(t) of a scenario in eigen form: X*(t) = sum_k lambda_k v_k(t) v_k(t)^T with v_k(t) = R(t) v_k(0),
 * R(t) the scenario's drift rotation (identity when it does not drift). A rectangular scenario's
 * X* = sum_k sigma_k u_k w_k^T (rows x cols, no drift): lambda holds the singular values, the
 * eigenvectors are the left vectors u_k and {@link #rightVectors()} the w_k. Deterministic for
 * the scenario's seed. Immutable.
 */
public final class GroundTruth {

    /** Random stream of the truth (devices use streams 0 .. devices-1). */
    static final long TRUTH_STREAM = 1L << 40;

    private final int d;
    private final int cols;
    private final double[] lambda;
    private final double[][] v0;
    private final double[][] w0;
    private final double[][] planeFrom;
    private final double[][] planeTo;
    private final double radiansPerSecond;

    public GroundTruth(Scenario s) {
        this.d = s.shape().rows();
        this.cols = s.shape().cols();
        Normals rnd = new Normals(Normals.mix(s.seed(), TRUTH_STREAM));
        if (s.rectangular()) {
            // Sources only (the Scenario checks it): the singular values on random orthonormal u and w.
            double[] p = ((Scenario.Truth.Sources) s.truth()).powers();
            this.v0 = orthonormal(p.length, d, rnd);
            this.w0 = orthonormal(p.length, cols, rnd);
            this.lambda = p;
            sortDescending(lambda, v0, w0);
        } else if (s.truth() instanceof Scenario.Truth.Sources src) {
            this.w0 = null;
            double[] p = src.powers();
            this.v0 = orthonormal(p.length, d, rnd);
            this.lambda = p;
            sortDescending(lambda, v0, null);
        } else {
            this.w0 = null;
            int h = s.truth().rank();
            double[][] w = new double[h][d];
            for (double[] column : w) {
                rnd.fill(column);
            }
            this.lambda = new double[h];
            this.v0 = new double[h][];
            eigenOfProduct(w, lambda, v0);
        }
        int planes = s.drift().planes();
        this.planeFrom = new double[planes][];
        this.planeTo = new double[planes][];
        buildPlanes(rnd);
        this.radiansPerSecond = StrictMath.toRadians(s.drift().degreesPerSecond());
    }

    public int dimension() {
        return d;
    }

    /** Whether X* is rectangular: {@link #eigenvalues()} are then its singular values. */
    public boolean rectangular() {
        return w0 != null;
    }

    /** The right singular vectors w_k of a rectangular X*, rank rows of cols numbers; null otherwise. */
    public double[][] rightVectors() {
        if (w0 == null) {
            return null;
        }
        double[][] out = new double[w0.length][];
        for (int k = 0; k < w0.length; k++) {
            out[k] = w0[k].clone();
        }
        return out;
    }

    public int rank() {
        return lambda.length;
    }

    public boolean drifting() {
        return radiansPerSecond != 0 && planeFrom.length > 0;
    }

    /** The eigenvalues, descending (they do not change with t). */
    public double[] eigenvalues() {
        return lambda.clone();
    }

    /** v_k(t), rank rows of d numbers, unit norm. */
    public double[][] eigenvectorsAt(double t) {
        double[][] out = new double[lambda.length][d];
        eigenvectorsAt(t, out);
        return out;
    }

    /**
     * @param out rank rows of d numbers. Overwritten.
     */
    void eigenvectorsAt(double t, double[][] out) {
        double angle = radiansPerSecond * t;
        double c = StrictMath.cos(angle) - 1.0;
        double sn = StrictMath.sin(angle);
        for (int k = 0; k < lambda.length; k++) {
            System.arraycopy(v0[k], 0, out[k], 0, d);
            if (angle == 0) {
                continue;
            }
            // R x = x + (cos - 1)(p p^T + q q^T) x + sin (q p^T - p q^T) x, one plane (p, q) at a time.
            for (int pl = 0; pl < planeFrom.length; pl++) {
                double[] p = planeFrom[pl];
                double[] q = planeTo[pl];
                double[] x = out[k];
                double px = dot(p, x);
                double qx = dot(q, x);
                for (int i = 0; i < d; i++) {
                    x[i] += c * (px * p[i] + qx * q[i]) + sn * (px * q[i] - qx * p[i]);
                }
            }
        }
    }

    /** X*(t), d x d row-major (rows x cols for a rectangular X*). */
    public double[] matrixAt(double t) {
        double[][] v = eigenvectorsAt(t);
        double[][] w = w0 != null ? w0 : v;
        int n = w0 != null ? cols : d;
        double[] x = new double[d * n];
        for (int k = 0; k < lambda.length; k++) {
            for (int i = 0; i < d; i++) {
                double li = lambda[k] * v[k][i];
                for (int j = 0; j < n; j++) {
                    x[i * n + j] += li * w[k][j];
                }
            }
        }
        return x;
    }

    /** Planes (p, q): p inside the range of X0, q outside it; all 2 planes vectors orthonormal. */
    private void buildPlanes(Normals rnd) {
        int r = lambda.length;
        for (int pl = 0; pl < planeFrom.length; pl++) {
            double[] p = new double[d];
            for (int k = 0; k < r; k++) {
                double c = rnd.next();
                for (int i = 0; i < d; i++) {
                    p[i] += c * v0[k][i];
                }
            }
            removeComponents(p, planeFrom, pl);
            planeFrom[pl] = normalized(p);
            double[] q = new double[d];
            rnd.fill(q);
            removeComponents(q, v0, r);
            removeComponents(q, planeTo, pl);
            planeTo[pl] = normalized(q);
        }
    }

    /** r orthonormal rows of length d (Gram-Schmidt on Gaussian vectors, twice for accuracy). */
    static double[][] orthonormal(int r, int d, Normals rnd) {
        double[][] v = new double[r][d];
        for (int c = 0; c < r; c++) {
            rnd.fill(v[c]);
            removeComponents(v[c], v, c);
            removeComponents(v[c], v, c);
            v[c] = normalized(v[c]);
        }
        return v;
    }

    /** Eigenvalues (descending) and unit eigenvectors of W W^T from the h x h Gram W^T W (columns w). */
    private static void eigenOfProduct(double[][] w, double[] values, double[][] vectors) {
        int h = w.length;
        double[][] gram = new double[h][h];
        for (int a = 0; a < h; a++) {
            for (int b = 0; b < h; b++) {
                gram[a][b] = dot(w[a], w[b]);
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(gram, false));
        int d = w[0].length;
        for (int j = 0; j < h; j++) {
            values[j] = Math.max(0.0, eig.getRealEigenvalue(j));
            double[] q = eig.getEigenvector(j).toArray();
            double[] v = new double[d];
            for (int a = 0; a < h; a++) {
                for (int i = 0; i < d; i++) {
                    v[i] += w[a][i] * q[a];
                }
            }
            vectors[j] = normalized(v);
        }
        sortDescending(values, vectors, null);
    }

    /** Sorts values descending, vectors (and partners, when not null) along. */
    private static void sortDescending(double[] values, double[][] vectors, double[][] partners) {
        for (int a = 1; a < values.length; a++) {
            for (int b = a; b > 0 && values[b] > values[b - 1]; b--) {
                double t = values[b];
                values[b] = values[b - 1];
                values[b - 1] = t;
                double[] tv = vectors[b];
                vectors[b] = vectors[b - 1];
                vectors[b - 1] = tv;
                if (partners != null) {
                    double[] tp = partners[b];
                    partners[b] = partners[b - 1];
                    partners[b - 1] = tp;
                }
            }
        }
    }

    private static void removeComponents(double[] x, double[][] basis, int n) {
        for (int b = 0; b < n; b++) {
            double c = dot(x, basis[b]);
            for (int i = 0; i < x.length; i++) {
                x[i] -= c * basis[b][i];
            }
        }
    }

    private static double[] normalized(double[] x) {
        double n = StrictMath.sqrt(dot(x, x));
        for (int i = 0; i < x.length; i++) {
            x[i] /= n;
        }
        return x;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
