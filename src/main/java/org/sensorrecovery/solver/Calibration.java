package org.sensorrecovery.solver;

import org.sensorrecovery.linalg.SmallDense;

/**
 * The factored solver's scales from its window: the operator's scale and ||X*||_F, by power
 * iterations for the leading singular pair of (1/m) sum_i w_i A_i (the same pair starts a column
 * added along what the fit misses, {@link WidthControl}).
 */
final class Calibration {

    private Calibration() {
    }

    /**
     * Estimates the operator's scale s = (1/m) sum &lt;A_i, x z^T&gt;^2 along the leading singular pair
     * (x, z) of sum y_i A_i (a few power iterations), and ||X*||_F ~ sqrt(mean(y^2) / s).
     */
    static void calibrate(FactoredSolver<?> solver) {
        int m = solver.sensing.size();
        // At U V^T = 0 the residuals are -y: the rows that train and that the loss does not reject.
        double[] y = solver.sensing.values();
        double valueRms = Math.sqrt(SmallDense.sumOfSquares(y, m) / m);
        solver.fit.update(y, solver.sensing.tickets(), m, 1e-13 * valueRms);
        for (int i = 0; i < m; i++) {
            solver.fit.weighted[i] = solver.fit.train[i] * y[i];
        }
        leadingPair(solver, solver.fit.weighted, solver.step.du, solver.step.dv);
        double sOp = solver.fit.trainSquares(solver.fit.pred, m) / solver.fit.trainRows();
        double meanY2 = solver.fit.trainSquares(y, m) / solver.fit.trainRows();
        if (!(sOp > 0) || !Double.isFinite(sOp)) {
            sOp = 1.0;
        }
        double scale = Math.sqrt(meanY2 / sOp);
        solver.state.operatorScale = sOp;
        solver.state.dataScale = scale > 0 && Double.isFinite(scale) ? scale : Double.MIN_NORMAL;
        solver.state.calibratedSize = m;
    }

    /**
     * Power iterations for the leading singular pair (x, z; z is x when tied) of (1/m) sum_i w_i A_i,
     * written to x and z as unit vectors; returns x^T (...) z (at least 0 for two factors), with
     * &lt;A_i, x z^T&gt; in solver.fit.pred. Overwrites step.gu, step.gv and the sensing's images.
     */
    static double leadingPair(FactoredSolver<?> solver, double[] w, double[] x, double[] z) {
        int rows = solver.state.rows;
        int cols = solver.state.cols;
        boolean tied = solver.state.tied;
        for (int i = 0; i < rows; i++) {
            x[i] = solver.state.normal();
        }
        for (int i = 0; i < cols && !tied; i++) {
            z[i] = solver.state.normal();
        }
        normalize(x, rows);
        normalize(z, tied ? 0 : cols);
        for (int it = 0; it < 12; it++) {
            solver.sensing.predict(x, z, 1, solver.fit.pred);
            solver.sensing.gradient(w, x, z, 1, solver.step.gu, solver.step.gv);
            if (normalize(solver.step.gu, rows) == 0.0 || !tied && normalize(solver.step.gv, cols) == 0.0) {
                break;
            }
            System.arraycopy(solver.step.gu, 0, x, 0, rows);
            System.arraycopy(solver.step.gv, 0, z, 0, tied ? 0 : cols);
        }
        int m = solver.sensing.size();
        solver.sensing.predict(x, z, 1, solver.fit.pred);
        double sigma = SmallDense.dot(w, solver.fit.pred, m) / m;
        if (sigma < 0 && !tied) {
            // x and z are updated together, so the pair may come out with opposite signs.
            for (int i = 0; i < cols; i++) {
                z[i] = -z[i];
            }
            for (int i = 0; i < m; i++) {
                solver.fit.pred[i] = -solver.fit.pred[i];
            }
            sigma = -sigma;
        }
        return sigma;
    }

    /** x &lt;- x / ||x|| over its first n numbers; returns the norm, 0 when it is 0 or not finite (x unchanged). */
    static double normalize(double[] x, int n) {
        double norm = Math.sqrt(SmallDense.sumOfSquares(x, n));
        if (norm > 0 && Double.isFinite(norm)) {
            for (int i = 0; i < n; i++) {
                x[i] /= norm;
            }
            return norm;
        }
        return 0.0;
    }
}
