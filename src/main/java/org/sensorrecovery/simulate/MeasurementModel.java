package org.sensorrecovery.simulate;

import org.sensorrecovery.sensing.Measurement;
import org.sensorrecovery.sensing.SeededGaussian;

/**
 * How a scenario's devices measure X*(t): draws the sensing part (a, (i, j), a seed, A) from a
 * device's random stream, evaluates y at the scenario time of the measurement and adds noise. The
 * noise level for an SNR comes from the rms of clean y over a fixed-seed pilot sample at t = 0.
 * Not thread-safe: one instance per device (they share the immutable truth).
 */
final class MeasurementModel {

    static final long PILOT_STREAM = (1L << 40) + 1;
    private static final int PILOT = 2000;

    private final Scenario scenario;
    private final GroundTruth truth;
    private final int d;
    private final int cols;
    private final double[][] v;
    /** The right singular vectors of a rectangular X*; v for a symmetric one. */
    private final double[][] w;
    private final double[] lambda;
    private final double[] scratch;
    private final double rms;
    private final double sigma;
    private double vectorsAt = Double.NaN;

    MeasurementModel(Scenario s, GroundTruth truth) {
        this(s, truth, Double.NaN);
    }

    private MeasurementModel(Scenario s, GroundTruth truth, double pilotRms) {
        this.scenario = s;
        this.truth = truth;
        this.d = s.shape().rows();
        this.cols = s.shape().cols();
        this.v = new double[truth.rank()][d];
        this.w = truth.rectangular() ? truth.rightVectors() : v;
        this.lambda = truth.eigenvalues();
        this.scratch = s.kind() == org.sensorrecovery.sensing.Kind.GAUSSIAN ? new double[d * d] : null;
        this.rms = Double.isNaN(pilotRms) ? pilotRms() : pilotRms;
        this.sigma = Double.isNaN(s.noise().snrDb()) ? s.noise().sigma()
                : rms * StrictMath.pow(10.0, -s.noise().snrDb() / 20.0);
    }

    /** The same model for another device (shares nothing mutable). */
    MeasurementModel copy() {
        return new MeasurementModel(scenario, truth, rms);
    }

    /** Root mean square of clean y at t = 0. */
    double rms() {
        return rms;
    }

    /** Standard deviation of the additive noise on y. */
    double sigma() {
        return sigma;
    }

    /** The measurement with global index g: sensing drawn from rnd, y = &lt;A, X*(g / rate)&gt; + noise. */
    Measurement draw(Normals rnd, long g) {
        Measurement clean = clean(rnd, scenario.timeOf(g));
        return sigma == 0 ? clean : withY(clean, clean.y() + sigma * rnd.next());
    }

    private double pilotRms() {
        Normals pilot = new Normals(Normals.mix(scenario.seed(), PILOT_STREAM));
        double sum = 0;
        for (int n = 0; n < PILOT; n++) {
            double y = clean(pilot, 0).y();
            sum += y * y;
        }
        return StrictMath.sqrt(sum / PILOT);
    }

    private Measurement clean(Normals rnd, double t) {
        if (t != vectorsAt) {
            truth.eigenvectorsAt(t, v);
            vectorsAt = t;
        }
        return switch (scenario.kind()) {
            case RANK_ONE -> {
                double[] a = new double[d];
                rnd.fill(a);
                round(a);
                yield new Measurement.RankOne(a, quadratic(a));
            }
            case ENTRY -> {
                int i = rnd.below(d);
                int j = rnd.below(cols);
                double y = 0;
                for (int k = 0; k < lambda.length; k++) {
                    y += lambda[k] * v[k][i] * w[k][j];
                }
                yield new Measurement.Entry(i, j, y);
            }
            case GAUSSIAN -> {
                long seed = rnd.nextLong();
                SeededGaussian.fill(seed, d, scratch);
                yield new Measurement.Gaussian(seed, bilinear(scratch));
            }
            case DENSE -> {
                double[] a = new double[d * d];
                rnd.fill(a);
                round(a);
                yield new Measurement.Dense(a, bilinear(a));
            }
            case BILINEAR -> {
                double[] a = new double[d];
                double[] b = new double[cols];
                rnd.fill(a);
                rnd.fill(b);
                round(a);
                round(b);
                yield new Measurement.Bilinear(a, b, bilinearForm(a, b));
            }
        };
    }

    /** a^T X* a = sum_k lambda_k (v_k . a)^2. */
    private double quadratic(double[] a) {
        double y = 0;
        for (int k = 0; k < lambda.length; k++) {
            double c = GroundTruth.dot(v[k], a);
            y += lambda[k] * c * c;
        }
        return y;
    }

    /** a^T X* b = sum_k sigma_k (u_k . a)(w_k . b) for a rectangular X*. */
    private double bilinearForm(double[] a, double[] b) {
        double y = 0;
        for (int k = 0; k < lambda.length; k++) {
            y += lambda[k] * GroundTruth.dot(v[k], a) * GroundTruth.dot(w[k], b);
        }
        return y;
    }

    /** &lt;A, X*&gt; = sum_k lambda_k v_k^T A v_k for a d x d row-major A. */
    private double bilinear(double[] a) {
        double y = 0;
        for (int k = 0; k < lambda.length; k++) {
            double[] vk = v[k];
            double form = 0;
            for (int i = 0; i < d; i++) {
                double row = 0;
                for (int j = 0; j < d; j++) {
                    row += a[i * d + j] * vk[j];
                }
                form += vk[i] * row;
            }
            y += lambda[k] * form;
        }
        return y;
    }

    /** Rounds each number to the scenario's significant digits (0: unchanged). Modified. */
    private void round(double[] a) {
        int digits = scenario.digits();
        if (digits == 0) {
            return;
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = significant(a[i], digits);
        }
    }

    /** 10^0 .. 10^22, each exact in a double. */
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /**
     * x to the given significant digits, as the double nearest that decimal (so that it prints as
     * the short decimal). Numbers of magnitude below 1e-15 or at least 1e22 are left as they are.
     */
    static double significant(double x, int digits) {
        double abs = Math.abs(x);
        if (!(abs >= 1e-15) || abs >= 1e22) {
            return x;
        }
        int exponent = 0;
        while (exponent < 22 && abs >= POWERS_OF_TEN[exponent + 1]) {
            exponent++;
        }
        while (exponent > -15 && abs < (exponent >= 0 ? POWERS_OF_TEN[exponent] : 1 / POWERS_OF_TEN[-exponent])) {
            exponent--;
        }
        int shift = digits - 1 - exponent;
        if (shift >= 0 && shift <= 22) {
            double scale = POWERS_OF_TEN[shift];
            return Math.rint(x * scale) / scale;
        }
        if (shift < 0 && shift >= -22) {
            double scale = POWERS_OF_TEN[-shift];
            return Math.rint(x / scale) * scale;
        }
        return x;
    }

    static Measurement withY(Measurement m, double y) {
        if (m instanceof Measurement.RankOne r) {
            return new Measurement.RankOne(r.a(), y);
        }
        if (m instanceof Measurement.Entry e) {
            return new Measurement.Entry(e.i(), e.j(), y);
        }
        if (m instanceof Measurement.Gaussian g) {
            return new Measurement.Gaussian(g.seed(), y);
        }
        if (m instanceof Measurement.Dense dense) {
            return new Measurement.Dense(dense.a(), y);
        }
        if (m instanceof Measurement.Bilinear b) {
            return new Measurement.Bilinear(b.a(), b.b(), y);
        }
        throw new IllegalArgumentException("kind: " + m.kind() + " is not simulated");
    }
}
