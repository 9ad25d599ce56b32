package org.sensorrecovery.cli;

import java.nio.file.Path;

import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.ConfigException;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.wire.ArrayShape;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Which array a capture belongs to: from a gateway config (--config FILE --array ID) or given
 * (--kind K --d D, or --kind K --rows N1 --cols N2 for a rectangular array).
 */
final class ArrayShapeOptions {

    @ArgGroup(exclusive = false)
    FromConfig config;

    @ArgGroup(exclusive = false)
    Explicit explicit;

    static final class FromConfig {
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "Gateway config with the array.")
        Path file;
        @Option(names = "--array", required = true, paramLabel = "ID", description = "Array id in the config.")
        String array;
    }

    static final class Explicit {
        @Option(names = "--kind", required = true, description = "Measurement kind.")
        String kind;
        @Option(names = "--d", description = "Dimension of a symmetric array.")
        int d;
        @Option(names = "--rows", description = "Rows of a rectangular array (bilinear, entry).")
        int rows;
        @Option(names = "--cols", description = "Columns of a rectangular array.")
        int cols;
    }

    /** The array: id (or the fallback), kind, and d or (rows, cols) (d = 0 for a rectangular array). */
    record Resolved(String id, Kind kind, int d, int rows, int cols) {

        boolean rectangular() {
            return d == 0;
        }

        ArrayShape shape() {
            return rectangular() ? new ArrayShape(kind, rows, cols) : ArrayShape.square(kind, d);
        }
    }

    /**
     * @throws IllegalArgumentException or ConfigException naming what is wrong
     */
    Resolved resolve(String fallbackId) throws ConfigException {
        return resolve(config == null ? null : config.file, config == null ? null : config.array,
                explicit == null ? null : explicit.kind, explicit == null ? 0 : explicit.d,
                explicit == null ? 0 : explicit.rows, explicit == null ? 0 : explicit.cols, fallbackId);
    }

    /** From a config file and array id, or from explicit kind and d (or rows and cols). */
    static Resolved resolve(Path file, String array, String kind, int d, int rows, int cols, String fallbackId)
            throws ConfigException {
        if (file != null) {
            ArrayConfig a = GatewayConfig.load(file).arrays().stream()
                    .filter(x -> x.id().equals(array)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--array: no array " + array + " in " + file));
            return new Resolved(a.id(), a.kind(), a.d(), a.rows(), a.cols());
        }
        Kind k = Kind.fromKey(kind);
        if (rows != 0 || cols != 0 || d == 0 && !k.symmetric()) {
            return rectangular(fallbackId, k, d, rows, cols);
        }
        if (d < 1) {
            throw new IllegalArgumentException("--d: must be at least 1, got " + d);
        }
        return new Resolved(fallbackId, k, d, 0, 0);
    }

    private static Resolved rectangular(String id, Kind k, int d, int rows, int cols) {
        if (d != 0) {
            throw new IllegalArgumentException("--d: give --d (a symmetric array) or --rows and --cols, not both");
        }
        if (!k.rectangular()) {
            throw new IllegalArgumentException("--kind: " + k + " arrays are square: give --d");
        }
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("--rows, --cols: a rectangular array needs both, at least 1, got "
                    + rows + " x " + cols);
        }
        return new Resolved(id, k, 0, rows, cols);
    }
}
