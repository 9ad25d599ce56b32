package org.sensorrecovery.solver;

import org.sensorrecovery.sensing.MeasurementWindow;

/**
 * The per-row weights of a solver's loss: which rows of the window train the factor, which are
 * held out to validate it, and how much each counts under the array's {@link Loss}. Workspaces
 * are allocated at construction; {@link #update} allocates nothing and costs O(m).
 */
final class ResidualWeights {

    /** Residuals beyond TRIM robust sigmas are gross errors (weight 0 under {@link Loss#ROBUST}). */
    static final double TRIM = 3.0;
    private static final double MAD_TO_SIGMA = 1.4826;
    private static final double HUBER_C = 1.345;
    private static final double L1_SMOOTHING = 1e-3;

    private final Loss loss;
    private final int heldOutBelow;
    /** Training weights; 0 for held-out rows. */
    final double[] train;
    /** Validation weights; 0 for training rows. */
    final double[] validate;
    private final double[] work;
    private double sigma = Double.NaN;
    private int trainRows;
    private int validationRows;

    /**
     * @param holdout share of the rows held out for validation, in [0, 0.5]
     */
    ResidualWeights(Loss loss, double holdout, int capacity) {
        this.loss = loss;
        this.heldOutBelow = (int) Math.round(holdout * MeasurementWindow.TICKETS);
        this.train = new double[capacity];
        this.validate = new double[capacity];
        this.work = new double[capacity];
    }

    Loss loss() {
        return loss;
    }

    /** Whether the weights depend on the residuals (every loss but l2): update them every step. */
    boolean reweighs() {
        return loss != Loss.L2;
    }

    /** Rows the loss is normalized by: the training rows. */
    int trainRows() {
        return trainRows;
    }

    /** Rows held out; 0 when validation is off or the window is too small for it. */
    int validationRows() {
        return validationRows;
    }

    /** The robust scale of the training residuals at the last update; NaN under l2. */
    double sigma() {
        return sigma;
    }

    /** Whether |r| is a gross error under the current scale (never under l2). */
    boolean outlier(double absResidual) {
        return loss != Loss.L2 && absResidual > TRIM * sigma;
    }

    /**
     * Recomputes the weights of rows [0, m) from their residuals r and validation tickets.
     *
     * @param floor smallest robust scale (keeps the weights defined once the fit is exact)
     */
    void update(double[] r, int[] tickets, int m, double floor) {
        int held = 0;
        for (int i = 0; i < m; i++) {
            if (tickets[i] < heldOutBelow) {
                held++;
            }
        }
        // A window too small to spare rows trains on all of them.
        boolean validating = held > 0 && held < m;
        validationRows = validating ? held : 0;
        trainRows = m - validationRows;
        if (loss != Loss.L2) {
            int n = 0;
            for (int i = 0; i < m; i++) {
                if (!validating || tickets[i] >= heldOutBelow) {
                    work[n++] = Math.abs(r[i]);
                }
            }
            sigma = Math.max(MAD_TO_SIGMA * median(work, n), floor);
        }
        for (int i = 0; i < m; i++) {
            double w = weight(Math.abs(r[i]));
            if (validating && tickets[i] < heldOutBelow) {
                train[i] = 0.0;
                validate[i] = w;
            } else {
                train[i] = w;
                validate[i] = 0.0;
            }
        }
    }

    private double weight(double a) {
        return switch (loss) {
            case L2 -> 1.0;
            case ROBUST -> a > TRIM * sigma ? 0.0 : 1.0;
            case HUBER -> a <= HUBER_C * sigma ? 1.0 : HUBER_C * sigma / a;
            case L1 -> a <= L1_SMOOTHING * sigma ? 1.0 : L1_SMOOTHING * sigma / a;
        };
    }

    /** The median of x[0, n) by quickselect; reorders x. 0 for n = 0. */
    static double median(double[] x, int n) {
        if (n == 0) {
            return 0.0;
        }
        int k = n / 2;
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            double pivot = x[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (x[i] < pivot) {
                    i++;
                }
                while (x[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = x[i];
                    x[i] = x[j];
                    x[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                break;
            }
        }
        return x[k];
    }
}
