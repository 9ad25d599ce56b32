package org.sensorrecovery.cli;

import java.nio.file.Path;

import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.ConfigException;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.sensing.Kind;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Which array a capture belongs to: from a gateway config (--config FILE --array ID) or given (--kind K --d D). */
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
        @Option(names = "--d", required = true, description = "Dimension.")
        int d;
    }

    /** The array: id (or the fallback), kind and d. */
    record Resolved(String id, Kind kind, int d) {
    }

    /**
     * @throws IllegalArgumentException or ConfigException naming what is wrong
     */
    Resolved resolve(String fallbackId) throws ConfigException {
        return resolve(config == null ? null : config.file, config == null ? null : config.array,
                explicit == null ? null : explicit.kind, explicit == null ? 0 : explicit.d, fallbackId);
    }

    /** From a config file and array id, or from explicit kind and d. */
    static Resolved resolve(Path file, String array, String kind, int d, String fallbackId) throws ConfigException {
        if (file != null) {
            ArrayConfig a = GatewayConfig.load(file).arrays().stream()
                    .filter(x -> x.id().equals(array)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--array: no array " + array + " in " + file));
            return new Resolved(a.id(), a.kind(), a.d());
        }
        if (d < 1) {
            throw new IllegalArgumentException("--d: must be at least 1, got " + d);
        }
        return new Resolved(fallbackId, Kind.fromKey(kind), d);
    }
}
