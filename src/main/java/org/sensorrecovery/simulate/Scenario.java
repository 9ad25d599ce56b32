package org.sensorrecovery.simulate;

import java.util.Arrays;
import java.util.regex.Pattern;

import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.wire.ArrayShape;

/**
 * A simulated array (simulators/*.yaml): what X* is, how devices measure it, how fast, and what
 * goes wrong. Immutable; every field is checked here, so a Scenario that exists is runnable.
 *
 * @param name scenario name (MQTT client ids are sim-&lt;name&gt;-&lt;device&gt;)
 * @param array array id on the wire
 * @param kind measurement kind
 * @param d dimension of a symmetric X*; 0 for a rectangular one
 * @param rows rows of a rectangular X* (bilinear, entry); 0 for a symmetric one
 * @param cols columns of a rectangular X*; 0 for a symmetric one
 * @param seed seed of everything random: truth, measurements, faults
 * @param devices simulated devices, one MQTT client each; measurement g goes to device g mod devices
 * @param rate measurements per second over all devices; also the scenario clock (t = index / rate)
 * @param batch measurements per message
 * @param count valid measurements over all devices
 * @param digits significant digits of the a (or A) numbers devices send, 0 for full precision;
 *               y is computed from the rounded numbers
 * @param truth X* at t = 0 (for a rectangular X*, sources are its singular values)
 * @param noise additive noise on y
 * @param faults injected faults
 * @param drift rotation of X* over scenario time
 */
public record Scenario(String name, String array, Kind kind, int d, int rows, int cols, long seed, int devices,
                       double rate, int batch, long count, int digits, Truth truth, Noise noise, Faults faults,
                       Drift drift) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Scenario {
        require(name != null && ID.matcher(name).matches(), "name", "must match [A-Za-z0-9_-]{1,64}, got " + name);
        require(array != null && ID.matcher(array).matches(), "array", "must match [A-Za-z0-9_-]{1,64}, got " + array);
        require(kind != null, "kind", "missing");
        if (rows == 0 && cols == 0) {
            require(kind.symmetric(), "kind", "must be a symmetric kind (rank-one, entry, gaussian, dense) with d;"
                    + " bilinear takes rows and cols, got " + kind);
            require(d >= 1 && d <= 4096, "d", "must be in [1, 4096], got " + d);
        } else {
            requireRectangular(kind, d, rows, cols, truth, drift);
        }
        require(devices >= 1 && devices <= 1000, "devices", "must be in [1, 1000], got " + devices);
        require(rate > 0 && Double.isFinite(rate), "rate", "must be a positive number of measurements per second, got " + rate);
        require(batch >= 1 && batch <= 10_000, "batch", "must be in [1, 10000], got " + batch);
        require(count >= 1, "count", "must be at least 1, got " + count);
        require(digits >= 0 && digits <= 17, "digits", "must be in [0, 17] (0: full precision), got " + digits);
        require(truth != null, "truth", "missing: give sources or network");
        int full = rows == 0 && cols == 0 ? d : Math.min(rows, cols);
        require(truth.rank() <= full, "truth", "rank " + truth.rank() + " exceeds " + (rows == 0 && cols == 0
                ? "d=" + d : "min(rows, cols)=" + full));
        require(noise != null, "noise", "missing");
        faults = faults == null ? Faults.NONE : faults;
        drift = drift == null ? Drift.NONE : drift;
        int dropped = faults.dropout() == null ? 0 : faults.dropout().device();
        require(dropped < devices, "faults.dropout.device", "must be a device index in [0, " + devices + "), got " + dropped);
        require(faults.brokenDevice() < devices, "faults.brokenDevice",
                "must be a device index in [0, " + devices + "), got " + faults.brokenDevice());
        require(drift.planes() <= truth.rank(), "drift.planes",
                "must be at most the rank " + truth.rank() + ", got " + drift.planes());
        require(d == 0 || 2 * drift.planes() <= d, "drift.planes", "needs 2 * planes <= d=" + d + ", got " + drift.planes());
    }

    /** A symmetric d x d scenario. */
    public Scenario(String name, String array, Kind kind, int d, long seed, int devices, double rate, int batch,
                    long count, int digits, Truth truth, Noise noise, Faults faults, Drift drift) {
        this(name, array, kind, d, 0, 0, seed, devices, rate, batch, count, digits, truth, noise, faults, drift);
    }

    /** Rows x cols X* = sum_s sigma_s u_s v_s^T: bilinear or entry, singular values as sources, no drift. */
    private static void requireRectangular(Kind kind, int d, int rows, int cols, Truth truth, Drift drift) {
        require(d == 0, "d", "give d (a symmetric X*) or rows and cols (a rectangular one), not both");
        require(kind.rectangular(), "kind", "must be bilinear or entry for a rows x cols X*, got " + kind);
        require(rows >= 1 && rows <= 4096, "rows", "must be in [1, 4096], got " + rows);
        require(cols >= 1 && cols <= 4096, "cols", "must be in [1, 4096], got " + cols);
        require(!(truth instanceof Truth.Network), "truth.network",
                "a quadratic network's W W^T is symmetric: a rectangular X* takes sources (its singular values)");
        require(drift == null || drift.planes() == 0, "drift", "a rectangular X* does not drift in this simulator");
    }

    /** Whether X* is rectangular (rows and cols instead of d). */
    public boolean rectangular() {
        return d == 0;
    }

    /** Kind and shape of X* (d x d for a symmetric scenario). */
    public ArrayShape shape() {
        return rectangular() ? new ArrayShape(kind, rows, cols) : ArrayShape.square(kind, d);
    }

    static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + problem);
        }
    }

    /** Scenario time in seconds of the measurement with global index g. */
    public double timeOf(long g) {
        return g / rate;
    }

    public Scenario withSeed(long s) {
        return new Scenario(name, array, kind, d, rows, cols, s, devices, rate, batch, count, digits, truth, noise, faults,
                drift);
    }

    public Scenario withRate(double r) {
        return new Scenario(name, array, kind, d, rows, cols, seed, devices, r, batch, count, digits, truth, noise, faults,
                drift);
    }

    public Scenario withCount(long n) {
        return new Scenario(name, array, kind, d, rows, cols, seed, devices, rate, batch, n, digits, truth, noise, faults,
                drift);
    }

    public Scenario withNoise(Noise n) {
        return new Scenario(name, array, kind, d, rows, cols, seed, devices, rate, batch, count, digits, truth, n, faults,
                drift);
    }

    /** Valid measurements of device i: the global indexes g &lt; count with g mod devices = i. */
    public long countOf(int device) {
        return device >= count ? 0 : (count - 1 - device) / devices + 1;
    }

    /** The id of device i: dev-00, dev-01, ... */
    public String deviceId(int device) {
        return String.format("dev-%02d", device);
    }

    /** X* at t = 0: powers on random orthonormal directions, or a quadratic network's W W^T. */
    public sealed interface Truth {
        int rank();

        /** Uncorrelated sources: X* = sum_s p_s v_s v_s^T, v_s random orthonormal. */
        record Sources(double[] powers) implements Truth {
            public Sources {
                require(powers != null && powers.length >= 1, "truth.sources", "must list at least one power");
                powers = powers.clone();
                for (double p : powers) {
                    require(p > 0 && Double.isFinite(p), "truth.sources", "powers must be positive, got " + p);
                }
            }

            @Override
            public int rank() {
                return powers.length;
            }

            @Override
            public double[] powers() {
                return powers.clone();
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof Sources s && Arrays.equals(powers, s.powers);
            }

            @Override
            public int hashCode() {
                return Arrays.hashCode(powers);
            }

            @Override
            public String toString() {
                return "Sources" + Arrays.toString(powers);
            }
        }

        /** One hidden layer of quadratic activations: y = sum_j (w_j^T x)^2 = x^T W W^T x, W_ij ~ N(0, 1). */
        record Network(int hiddenUnits) implements Truth {
            public Network {
                require(hiddenUnits >= 1, "truth.network.hiddenUnits", "must be at least 1, got " + hiddenUnits);
            }

            @Override
            public int rank() {
                return hiddenUnits;
            }
        }
    }

    /**
     * Additive Gaussian noise on y: either a signal-to-noise ratio (sigma = rms of clean y times
     * 10^(-snrDb/20)) or an absolute sigma; NaN snrDb and zero sigma is noiseless.
     */
    public record Noise(double snrDb, double sigma) {
        public static final Noise NONE = new Noise(Double.NaN, 0);

        public Noise {
            require(Double.isNaN(snrDb) || Double.isFinite(snrDb), "snrDb", "must be a finite number of dB, got " + snrDb);
            require(sigma >= 0 && Double.isFinite(sigma), "noise", "must be a non-negative sigma, got " + sigma);
            require(Double.isNaN(snrDb) || sigma == 0, "noise", "give snrDb or noise, not both");
        }

        public static Noise snr(double db) {
            return new Noise(db, 0);
        }

        public static Noise absolute(double sigma) {
            return new Noise(Double.NaN, sigma);
        }
    }

    /**
     * Injected faults. Fractions are probabilities: outlier per measurement; malformed, duplicate
     * and reorder per message of a device.
     *
     * @param outlierFraction share of valid measurements whose y carries a gross error
     * @param outlierScale the error is outlierScale to 2 outlierScale times the rms of clean y, random sign
     * @param malformedFraction chance that a valid message is followed by a malformed one (a separate message)
     * @param duplicateFraction chance that a valid message is delivered again after the device's next message
     * @param reorderFraction chance that a message swaps places with the device's next one
     * @param dropout a device that goes offline, or null
     * @param brokenDevice index of a device whose sensor is broken: every y it sends is a gross
     *                     error (outlierScale to 2 outlierScale times the rms of y), still well formed; -1 for none
     */
    public record Faults(double outlierFraction, double outlierScale, double malformedFraction,
                         double duplicateFraction, double reorderFraction, Dropout dropout, int brokenDevice) {
        public static final Faults NONE = new Faults(0, 10, 0, 0, 0, null, -1);

        public Faults {
            fraction("faults.outlierFraction", outlierFraction);
            require(outlierScale > 0 && Double.isFinite(outlierScale), "faults.outlierScale",
                    "must be a positive multiple of the rms of y, got " + outlierScale);
            fraction("faults.malformedFraction", malformedFraction);
            fraction("faults.duplicateFraction", duplicateFraction);
            fraction("faults.reorderFraction", reorderFraction);
            require(brokenDevice >= -1, "faults.brokenDevice", "must be a device index, got " + brokenDevice);
        }

        private static void fraction(String field, double v) {
            require(v >= 0 && v <= 1, field, "must be in [0, 1], got " + v);
        }
    }

    /**
     * A device that disconnects once and reconnects later, then sends what it measured meanwhile.
     *
     * @param device device index
     * @param after its valid measurements sent before it drops out
     * @param seconds wall-clock seconds offline
     */
    public record Dropout(int device, long after, double seconds) {
        public Dropout {
            require(device >= 0, "faults.dropout.device", "must be a device index, got " + device);
            require(after >= 0, "faults.dropout.after", "must be a non-negative count, got " + after);
            require(seconds > 0 && seconds <= 3600, "faults.dropout.for", "must be in (0s, 1h], got " + seconds + "s");
        }
    }

    /**
     * X*(t) = R(t) X0 R(t)^T, R(t) a rotation by degreesPerSecond * t in each of {@code planes} fixed
     * random planes; each plane pairs a direction inside X0's range with one outside it, so the
     * sources' subspace moves (a rotation orthogonal to it would leave X* unchanged).
     */
    public record Drift(double degreesPerSecond, int planes) {
        public static final Drift NONE = new Drift(0, 0);

        public Drift {
            require(Double.isFinite(degreesPerSecond), "drift.degreesPerSecond",
                    "must be a finite number, got " + degreesPerSecond);
            require(planes >= 0, "drift.planes", "must be non-negative, got " + planes);
            require(degreesPerSecond == 0 || planes >= 1, "drift.planes", "must be at least 1 when X* drifts");
        }

        public boolean drifting() {
            return degreesPerSecond != 0 && planes > 0;
        }
    }
}
