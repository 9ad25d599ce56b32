package org.sensorrecovery.solver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.sensorrecovery.sensing.MeasurementWindow;
import org.sensorrecovery.sensing.WindowRows;

/**
 * The per-row weights of a solver's loss: which rows of the window train the factor, which are
 * held out to validate it, and how much each counts under the array's {@link Loss}. Workspaces
 * are allocated at construction; {@link #update} allocates nothing and costs O(m).
 */
final class ResidualWeights {

    /** Residuals beyond TRIM robust sigmas are gross errors (weight 0 under {@link Loss#ROBUST}). */
    static final double TRIM = 3.0;
    /** Window rows a device needs before it can be named a suspect. */
    static final int SUSPECT_MIN_ROWS = 5;
    private static final double MAD_TO_SIGMA = 1.4826;
    private static final double HUBER_C = 1.345;
    private static final double L1_SMOOTHING = 1e-3;

    private final Loss loss;
    private final int heldOutBelow;
    /** Training weights; 0 for held-out rows. */
    double[] train;
    /** Validation weights; 0 for training rows. */
    double[] validate;
    private double[] work;
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

    /** The window's arrays grew: so do the weights, keeping those of the rows in use. */
    void resizeRows(int rows) {
        train = java.util.Arrays.copyOf(train, rows);
        validate = java.util.Arrays.copyOf(validate, rows);
        work = new double[rows];
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

    /** sum_i train_i x_i^2. */
    double trainSquares(double[] x, int m) {
        double sum = 0.0;
        for (int i = 0; i < m; i++) {
            sum += train[i] * x[i] * x[i];
        }
        return sum;
    }

    /** Relative RMS residual on the held-out rows, sqrt(sum v_i r_i^2 / sum v_i y_i^2); NaN without any. */
    double heldOutResidual(double[] r, double[] y, int m) {
        if (validationRows == 0) {
            return Double.NaN;
        }
        double r2 = 0.0;
        double y2 = 0.0;
        for (int i = 0; i < m; i++) {
            r2 += validate[i] * r[i] * r[i];
            y2 += validate[i] * y[i] * y[i];
        }
        return y2 > 0 ? Math.sqrt(r2 / y2) : Math.sqrt(r2);
    }

    /** Rows of the window whose residual is a gross error; -1 under l2 (not assessed). */
    int outliers(double[] r, int m) {
        if (loss == Loss.L2) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < m; i++) {
            if (outlier(Math.abs(r[i]))) {
                n++;
            }
        }
        return n;
    }

    /**
     * Devices with at least {@link #SUSPECT_MIN_ROWS} rows in the window, most of them gross errors,
     * most suspect first; none under l2.
     */
    List<Estimate.SuspectDevice> suspects(double[] r, WindowRows window) {
        if (loss == Loss.L2) {
            return List.of();
        }
        int m = window.size();
        int[] source = window.sources();
        int[] rows = new int[window.devices()];
        int[] gross = new int[rows.length];
        for (int i = 0; i < m; i++) {
            rows[source[i]]++;
            if (outlier(Math.abs(r[i]))) {
                gross[source[i]]++;
            }
        }
        List<Estimate.SuspectDevice> out = new ArrayList<>();
        for (int id = 0; id < rows.length; id++) {
            if (rows[id] >= SUSPECT_MIN_ROWS && 2 * gross[id] > rows[id]) {
                out.add(new Estimate.SuspectDevice(window.device(id), (double) gross[id] / rows[id]));
            }
        }
        out.sort(Comparator.comparingDouble(Estimate.SuspectDevice::outlierFraction).reversed());
        return out;
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
