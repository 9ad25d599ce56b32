package org.sensorrecovery.predict;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.sensorrecovery.sensing.Measurement;

/**
 * The seed paper's teacher: y = sum_j (w_j^T x)^2 with W_ij ~ N(0, 1), inputs x ~ N(0, I_d).
 * y is computed from W itself, independently of any eigen-decomposition. Fixed seeds.
 */
final class TeacherNetwork {

    private final int d;
    private final double[][] w;

    TeacherNetwork(int d, int hiddenUnits, Random rnd) {
        this.d = d;
        this.w = new double[hiddenUnits][];
        for (int j = 0; j < hiddenUnits; j++) {
            w[j] = gaussian(d, rnd);
        }
    }

    double output(double[] x) {
        double y = 0.0;
        for (double[] wj : w) {
            double dot = 0.0;
            for (int i = 0; i < d; i++) {
                dot += wj[i] * x[i];
            }
            y += dot * dot;
        }
        return y;
    }

    /** m training samples (x, y) as the rank-one measurements a device would send: a = x. */
    List<Measurement> samples(int m, Random rnd) {
        List<Measurement> out = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            double[] x = gaussian(d, rnd);
            out.add(new Measurement.RankOne(x, output(x)));
        }
        return out;
    }

    List<double[]> inputs(int n, Random rnd) {
        List<double[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(gaussian(d, rnd));
        }
        return out;
    }

    /** Relative MSE of a network's predictions: sum (yhat - y)^2 / sum y^2. */
    double relativeMse(QuadraticNetwork net, List<double[]> inputs) {
        double num = 0.0;
        double den = 0.0;
        for (double[] x : inputs) {
            double y = output(x);
            double e = net.predict(x) - y;
            num += e * e;
            den += y * y;
        }
        return num / den;
    }

    static double[] gaussian(int d, Random rnd) {
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = rnd.nextGaussian();
        }
        return x;
    }
}
