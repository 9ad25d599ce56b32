package org.sensorrecovery.solver;

import org.sensorrecovery.linalg.Gemm;
import org.sensorrecovery.linalg.SmallDense;
import org.sensorrecovery.linalg.SymmetricEigenvalues;

/**
 * The k x k side of X = U V^T: Gram matrices, the preconditioner's solves, the singular values of
 * U V^T from its cores, and its truncation. With U^T U = L L^T (Cholesky QR: U = Q_u L^T),
 * U V^T = Q_u (L^T V^T), so the squared singular values are the eigenvalues of the k x k matrix
 * M = L^T (V^T V) L; tied factors (v the same array as u, X = U U^T) take the short way, the
 * eigenvalues of U^T U. The rows x cols matrix is never formed. Workspaces allocated once; only a
 * two-factor truncation allocates.
 */
final class FactorCores {

    /** Width from which the k x k work goes through the matrix kernel instead of row-by-row loops. */
    private static final int WIDE = 32;

    private final Gemm gemm;
    private final double[] gramU;
    private final double[] gramV;
    private final double[] core;
    private final double[] transformU;
    private final double[] transformV;
    private final double[] values;
    private final double[] work;

    FactorCores(int maxWidth, Gemm gemm) {
        this.gemm = gemm;
        int kk = maxWidth * maxWidth;
        this.gramU = new double[kk];
        this.gramV = new double[kk];
        this.core = new double[kk];
        this.transformU = new double[kk];
        this.transformV = new double[kk];
        this.values = new double[maxWidth];
        this.work = new double[maxWidth];
    }

    /** The singular values of the last {@link #singularValues}, descending. */
    double[] values() {
        return values;
    }

    /** out = f^T f for an n x k factor. */
    void gram(double[] f, int n, int k, double[] out) {
        if (k >= WIDE) {
            gemm.multiplyTransposeA(f, n, k, f, k, out);
        } else {
            SmallDense.gram(f, n, k, out);
        }
    }

    /**
     * dir (dn x k) &lt;- dir (F^T F + lambda I)^{-1}, F the other factor (fn x k; ScaledGD, Tong, Ma
     * &amp; Chi 2021, damped). Raises lambda until it factors; false when even a much larger one fails.
     */
    boolean precondition(double[] dir, int dn, double[] other, int fn, int k, double lambda) {
        double trace = 0.0;
        gram(other, fn, k, gramV);
        for (int a = 0; a < k; a++) {
            trace += gramV[a * k + a];
        }
        lambda = Math.max(lambda, 1e-13 * trace / k);
        for (int attempt = 0; attempt < 8; attempt++) {
            for (int a = 0; a < k; a++) {
                gramV[a * k + a] += lambda;
            }
            if (SmallDense.cholesky(gramV, k)) {
                if (k >= WIDE) {
                    gemm.solveRightCholesky(dir, dn, k, gramV);
                } else {
                    SmallDense.solveRight(dir, dn, k, gramV);
                }
                return true;
            }
            gram(other, fn, k, gramV);
            lambda = Math.max(lambda * 100.0, Double.MIN_NORMAL);
        }
        return false;
    }

    /** values &lt;- the k singular values of U V^T, descending; false when the cores cannot be decomposed. */
    boolean singularValues(double[] u, int rows, double[] v, int cols, int k) {
        boolean tied = u == v;
        if (tied) {
            gram(u, rows, k, core);
        } else if (!coreProduct(u, rows, v, cols, k)) {
            return false;
        }
        if (!SymmetricEigenvalues.compute(core, k, values, work)) {
            return false;
        }
        for (int j = 0; j < k; j++) {
            values[j] = tied ? Math.max(0.0, values[j]) : Math.sqrt(Math.max(0.0, values[j]));
        }
        return true;
    }

    /**
     * outU, outV (not u, v) &lt;- the balanced factors of the top target singular triplets of U V^T,
     * U' = L_t sigma_t^{1/2}, V' = R_t sigma_t^{1/2}, from its SVD ({@link FactorSvd}; allocates, but
     * seldom): U V^T projected on its top left directions. Tied: U P_t, P_t the top eigenvectors of
     * U^T U (no allocation). False when the cores cannot be decomposed (nothing written).
     */
    boolean truncate(double[] u, int rows, double[] v, int cols, int k, int target, double[] outU, double[] outV) {
        if (u == v) {
            gram(u, rows, k, core);
            if (!SymmetricEigenvalues.decompose(core, k, values, work)) {
                return false;
            }
            for (int a = 0; a < k; a++) {
                System.arraycopy(core, a * k, transformU, a * target, target);
            }
            gemm.multiply(u, rows, k, transformU, target, outU);
            return true;
        }
        FactorSvd svd = FactorSvd.of(u, rows, v, cols, k);
        if (svd.size() < target) {
            return false;
        }
        double[][] left = svd.left();
        double[][] right = svd.right();
        double floor = Math.max(1e-12 * svd.values()[0], Double.MIN_NORMAL);
        for (int c = 0; c < target; c++) {
            double sigma = svd.values()[c];
            // A floor keeps a margin column alive (a zero column pair gets no gradient); the
            // product stays exact since V' shrinks by what U' gained.
            double up = Math.sqrt(Math.max(sigma, floor));
            for (int i = 0; i < rows; i++) {
                outU[i * target + c] = up * left[c][i];
            }
            for (int j = 0; j < cols; j++) {
                outV[j * target + c] = sigma / up * right[c][j];
            }
        }
        return true;
    }

    /** core &lt;- M; gramU then holds L below its diagonal (U^T U above), gramV holds V^T V. */
    private boolean coreProduct(double[] u, int rows, double[] v, int cols, int k) {
        gram(u, rows, k, gramU);
        if (!SmallDense.cholesky(gramU, k)) {
            return false;
        }
        gram(v, cols, k, gramV);
        // transformV <- L (zeros above the diagonal), transformU <- (V^T V) L, core <- L^T transformU.
        for (int a = 0; a < k; a++) {
            for (int c = 0; c < k; c++) {
                transformV[a * k + c] = c <= a ? gramU[a * k + c] : 0.0;
            }
        }
        gemm.multiply(gramV, k, k, transformV, k, transformU);
        gemm.multiplyTransposeA(transformV, k, k, transformU, k, core);
        return true;
    }
}
