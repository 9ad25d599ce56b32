package org.sensorrecovery.solver;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.sensorrecovery.linalg.SmallDense;

/**
 * Eigen-decomposition of the k x k matrix U^T U = Q diag(mu) Q^T (Commons Math), sorted
 * descending. The nonzero eigenvalues of U U^T are the mu_j, with eigenvectors U q_j / sqrt(mu_j):
 * the d x d matrix is never formed.
 */
final class Spectrum {

    private final double[] values;
    private final double[][] vectors;

    private Spectrum(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    static Spectrum of(double[] u, int d, int k) {
        double[] gram = new double[k * k];
        SmallDense.gram(u, d, k, gram);
        // Commons Math's QL iteration uses absolute thresholds: decompose gram / trace, scale back.
        double trace = 0.0;
        for (int a = 0; a < k; a++) {
            trace += gram[a * k + a];
        }
        double unit = trace > 0 && Double.isFinite(trace) ? trace : 1.0;
        double[][] rows = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                rows[a][b] = gram[a * k + b] / unit;
            }
        }
        RealMatrix matrix = new Array2DRowRealMatrix(rows, false);
        EigenDecomposition eig = new EigenDecomposition(matrix);
        double[] raw = eig.getRealEigenvalues();
        Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(j -> -raw[j]));
        double[] values = new double[k];
        double[][] vectors = new double[k][];
        for (int j = 0; j < k; j++) {
            values[j] = Math.max(0.0, raw[order[j]]) * unit;
            vectors[j] = eig.getEigenvector(order[j]).toArray();
        }
        return new Spectrum(values, vectors);
    }

    int size() {
        return values.length;
    }

    /** Eigenvalues of U^T U, descending. */
    double[] values() {
        return values;
    }

    /**
     * out = U Q_target: the factor restricted to its top target directions (d x target), which keeps
     * the top of U U^T and drops the rest.
     */
    void project(double[] u, int d, int k, int target, double[] out) {
        for (int i = 0; i < d; i++) {
            for (int c = 0; c < target; c++) {
                double[] qc = vectors[c];
                double sum = 0.0;
                for (int a = 0; a < k; a++) {
                    sum += u[i * k + a] * qc[a];
                }
                out[i * target + c] = sum;
            }
        }
    }

    /** The first count eigenvectors of U U^T, unit norm, as rows of d numbers. */
    double[][] eigenvectorsOfProduct(double[] u, int d, int k, int count) {
        double[][] out = new double[count][d];
        for (int j = 0; j < count; j++) {
            double[] qj = vectors[j];
            double norm = 0.0;
            for (int i = 0; i < d; i++) {
                double sum = 0.0;
                for (int a = 0; a < k; a++) {
                    sum += u[i * k + a] * qj[a];
                }
                out[j][i] = sum;
                norm += sum * sum;
            }
            norm = Math.sqrt(norm);
            if (norm > 0) {
                for (int i = 0; i < d; i++) {
                    out[j][i] /= norm;
                }
            }
        }
        return out;
    }
}
