package org.sensorrecovery.solver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.sensorrecovery.linalg.SmallDense;
import org.sensorrecovery.sensing.FactorSensing;
import org.sensorrecovery.sensing.MeasurementWindow;
import org.sensorrecovery.sensing.WindowRows;

/**
 * The fit of the factors to the window: per row the prediction, the residual and its weights
 * (training or held out, and how much it counts under the {@link Loss}); from them the loss and the
 * relative residuals. Workspaces grow with the window; {@link #update} allocates nothing, O(m).
 */
final class ResidualWeights {

    /** Residuals beyond TRIM robust sigmas are gross errors (weight 0 under {@link Loss#ROBUST}). */
    static final double TRIM = 3.0;
    /** Window rows a device needs before it can be named a suspect. */
    static final int SUSPECT_MIN_ROWS = 5;
    private static final double MAD_TO_SIGMA = 1.4826;
    private static final double HUBER_C = 1.345;
    private static final double L1_SMOOTHING = 1e-3;

    private final Loss kind;
    private final int heldOutBelow;
    /** Per row: prediction &lt;A_i, U V^T&gt;, residual (prediction - y) and a workspace for weighted residuals. */
    double[] pred;
    double[] resid;
    double[] weighted;
    /** Training weights; 0 for held-out rows. */
    double[] train;
    /** Validation weights; 0 for training rows. */
    double[] validate;
    private double[] work;
    private double sigma = Double.NaN;
    private int trainRows;
    private int validationRows;
    /** The loss f = 1/(2n) sum_i train_i r_i^2 over the n training rows. */
    double loss = Double.NaN;
    private double valueNorm2;
    private double valueRms;

    /** @param holdout share of the rows held out for validation, in [0, 0.5] */
    ResidualWeights(Loss kind, double holdout, int capacity) {
        this.kind = kind;
        this.heldOutBelow = (int) Math.round(holdout * MeasurementWindow.TICKETS);
        resizeRows(capacity);
    }

    /** Sizes the per-row workspaces to the window's arrays; their content is recomputed before it is read. */
    void resizeRows(int rows) {
        pred = new double[rows];
        resid = new double[rows];
        weighted = new double[rows];
        train = new double[rows];
        validate = new double[rows];
        work = new double[rows];
    }

    /** Predictions and residuals afresh at the factors, then the weights and the loss. */
    void refresh(FactorSensing window, Factors f) {
        int m = window.size();
        window.predict(f.u, f.v, f.k, pred);
        double[] y = window.values();
        for (int i = 0; i < m; i++) {
            resid[i] = pred[i] - y[i];
        }
        valueRms = Math.sqrt(SmallDense.sumOfSquares(y, m) / m);
        reweigh(window);
    }

    /** Weights from the current residuals, then the weighted loss and value norm. */
    void reweigh(WindowRows window) {
        int m = window.size();
        update(resid, window.tickets(), m, 1e-13 * valueRms);
        valueNorm2 = trainSquares(window.values(), m);
        loss = trainSquares(resid, m) / (2.0 * trainRows);
    }

    /** Relative RMS residual sqrt(sum w_i r_i^2 / sum w_i y_i^2) on the training rows. */
    double relativeResidual() {
        double r2 = 2.0 * loss * trainRows;
        return valueNorm2 > 0 ? Math.sqrt(r2 / valueNorm2) : Math.sqrt(r2);
    }

    /** Whether the weights depend on the residuals (every loss but l2). */
    boolean reweighs() {
        return kind != Loss.L2;
    }

    /** Rows the loss is normalized by: the training rows. */
    int trainRows() {
        return trainRows;
    }

    /** Rows held out; 0 when validation is off or the window is too small for it. */
    int validationRows() {
        return validationRows;
    }

    /** The weights of rows [0, m) from residuals r and tickets; floor: the least robust scale (exact fits). */
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
        if (kind != Loss.L2) {
            int n = 0;
            for (int i = 0; i < m; i++) {
                if (!validating || tickets[i] >= heldOutBelow) {
                    work[n++] = Math.abs(r[i]);
                }
            }
            sigma = Math.max(MAD_TO_SIGMA * SmallDense.median(work, n), floor);
        }
        for (int i = 0; i < m; i++) {
            double w = weight(Math.abs(r[i]));
            boolean heldOut = validating && tickets[i] < heldOutBelow;
            train[i] = heldOut ? 0.0 : w;
            validate[i] = heldOut ? w : 0.0;
        }
    }

    private double weight(double a) {
        return switch (kind) {
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
    double heldOutResidual(WindowRows window) {
        if (validationRows == 0) {
            return Double.NaN;
        }
        double[] y = window.values();
        double r2 = 0.0;
        double y2 = 0.0;
        for (int i = 0, m = window.size(); i < m; i++) {
            r2 += validate[i] * resid[i] * resid[i];
            y2 += validate[i] * y[i] * y[i];
        }
        return y2 > 0 ? Math.sqrt(r2 / y2) : Math.sqrt(r2);
    }

    /** Rows of the window whose residual is a gross error; -1 under l2 (not assessed). */
    int outliers(int m) {
        if (kind == Loss.L2) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < m; i++) {
            if (Math.abs(resid[i]) > TRIM * sigma) {
                n++;
            }
        }
        return n;
    }

    /** Devices with {@link #SUSPECT_MIN_ROWS} rows or more, mostly gross errors, worst first; none under l2. */
    List<Estimate.SuspectDevice> suspects(WindowRows window) {
        if (kind == Loss.L2) {
            return List.of();
        }
        int m = window.size();
        int[] source = window.sources();
        int[] rows = new int[window.devices()];
        int[] gross = new int[rows.length];
        for (int i = 0; i < m; i++) {
            rows[source[i]]++;
            if (Math.abs(resid[i]) > TRIM * sigma) {
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
}
