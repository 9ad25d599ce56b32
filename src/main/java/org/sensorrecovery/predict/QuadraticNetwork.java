package org.sensorrecovery.predict;

import java.util.Arrays;

import org.sensorrecovery.solver.Estimate;

/**
 * The one-hidden-layer network with quadratic activations of the seed paper, y = sum_j (w_j^T x)^2
 * = x^T W W^T x, held as the eigen-decomposition of X_hat = W W^T = sum_j lambda_j v_j v_j^T that an
 * estimate message carries: y = sum_j lambda_j (v_j . x)^2, O(d r) per input, X_hat never formed.
 * Immutable.
 */
public final class QuadraticNetwork {

    private final int d;
    private final int rank;
    private final double[] lambda;
    /** rank rows of d numbers, row-major: v_j starts at j * d. */
    private final double[] v;

    /**
     * @param d the input dimension
     * @param eigenvalues lambda_j, one per hidden direction (any order)
     * @param eigenvectors one row of d numbers per eigenvalue
     * @throws IllegalArgumentException naming the field when the shapes disagree or a number is not finite
     */
    public QuadraticNetwork(int d, double[] eigenvalues, double[][] eigenvectors) {
        require(d >= 1, "d", "must be at least 1, got " + d);
        require(eigenvectors.length == eigenvalues.length, "eigenvectors",
                "expected " + eigenvalues.length + " rows (one per eigenvalue), got " + eigenvectors.length);
        this.d = d;
        this.rank = eigenvalues.length;
        this.lambda = eigenvalues.clone();
        this.v = new double[rank * d];
        for (int j = 0; j < rank; j++) {
            require(Double.isFinite(lambda[j]), "eigenvalues", "element " + j + " is not finite");
            require(eigenvectors[j].length == d, "eigenvectors",
                    "row " + j + ": expected " + d + " numbers, got " + eigenvectors[j].length);
            for (int i = 0; i < d; i++) {
                require(Double.isFinite(eigenvectors[j][i]), "eigenvectors", "row " + j + ", element " + i + " is not finite");
                v[j * d + i] = eigenvectors[j][i];
            }
        }
    }

    /** The network of a solver's estimate. */
    public static QuadraticNetwork of(Estimate e) {
        return new QuadraticNetwork(e.dimension(), Arrays.copyOf(e.eigenvalues(), e.rank()), e.eigenvectors());
    }

    /** The input dimension d. */
    public int dimension() {
        return d;
    }

    /** The number of hidden directions (the estimate's rank). */
    public int rank() {
        return rank;
    }

    /**
     * y = x^T X_hat x = sum_j lambda_j (v_j . x)^2.
     *
     * @param x d numbers. Not modified.
     * @throws IllegalArgumentException when x does not have d numbers
     */
    public double predict(double[] x) {
        if (x.length != d) {
            throw new IllegalArgumentException("x: expected " + d + " numbers, got " + x.length);
        }
        // One pass per eigenvector: walk v_j and x together.
        double y = 0.0;
        for (int j = 0; j < rank; j++) {
            int row = j * d;
            double dot = 0.0;
            for (int i = 0; i < d; i++) {
                dot += v[row + i] * x[i];
            }
            y += lambda[j] * dot * dot;
        }
        return y;
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + problem);
        }
    }
}
