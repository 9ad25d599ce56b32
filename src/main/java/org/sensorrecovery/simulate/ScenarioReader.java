package org.sensorrecovery.simulate;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.sensorrecovery.config.ConfigException;
import org.sensorrecovery.config.YamlFields;
import org.sensorrecovery.config.YamlNode;
import org.sensorrecovery.sensing.Kind;

/**
 * Reads a scenario file (simulators/*.yaml) into a {@link Scenario}. Unknown fields are errors;
 * every error reads {@code file:line:column: field: problem}, like gateway configs.
 */
public final class ScenarioReader {

    private static final Set<String> TOP = Set.of("name", "array", "kind", "d", "rows", "cols", "seed", "devices", "rate", "batch",
            "count", "duration", "digits", "truth", "snrDb", "noise", "faults", "drift");
    private static final Set<String> TRUTH = Set.of("sources", "network");
    private static final Set<String> NETWORK = Set.of("hiddenUnits");
    private static final Set<String> FAULTS = Set.of("outlierFraction", "outlierScale", "malformedFraction",
            "duplicateFraction", "reorderFraction", "dropout", "brokenDevice");
    private static final Set<String> DROPOUT = Set.of("device", "after", "for");
    private static final Set<String> DRIFT = Set.of("degreesPerSecond", "planes");

    private final YamlFields yaml;
    private YamlNode root;

    private ScenarioReader(String file) {
        this.yaml = new YamlFields(file);
    }

    /**
     * Loads and validates a scenario file.
     *
     * @throws ConfigException naming the file, line, column and field of the first problem
     */
    public static Scenario load(Path file) throws ConfigException {
        try (Reader in = Files.newBufferedReader(file)) {
            String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            return new ScenarioReader(file.toString()).read(YamlNode.parse(in), base);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage().replace('\n', ' '));
        }
    }

    private Scenario read(YamlNode doc, String defaultName) throws ConfigException {
        root = doc;
        if (!root.isMap()) {
            throw yaml.error(root, "(document)", "must be a mapping of scenario settings");
        }
        yaml.known(root, TOP);
        Kind kind = kind(field(root, "kind"));
        int[] shape = shape(kind);
        double rate = yaml.number(field(root, "rate"), 1000);
        long count = count(rate);
        Scenario.Truth truth = truth(required(root, "truth"));
        Scenario.Noise noise = noise();
        Scenario.Faults faults = faults(field(root, "faults"));
        Scenario.Drift drift = drift(field(root, "drift"));
        YamlNode seedNode = field(root, "seed");
        String name = yaml.text(field(root, "name"), defaultName);
        String array = yaml.text(required(root, "array"), null);
        long seed = seedNode == null ? 1 : yaml.longValue(seedNode);
        int devices = intOr(field(root, "devices"), 1);
        int batch = intOr(field(root, "batch"), 1);
        int digits = intOr(field(root, "digits"), 0);
        return construct(() -> new Scenario(name, array, kind, shape[0], shape[1], shape[2], seed, devices, rate, batch,
                count, digits, truth, noise, faults, drift));
    }

    /** {d, rows, cols}: d for a symmetric X*, rows and cols (given, or bilinear without d) for a rectangular one. */
    private int[] shape(Kind kind) throws ConfigException {
        YamlNode d = field(root, "d");
        YamlNode rows = field(root, "rows");
        YamlNode cols = field(root, "cols");
        if (d != null && !kind.symmetric()) {
            throw yaml.error(d, "d", "a " + kind.key() + " X* is rows x cols: give rows and cols instead of d");
        }
        if (rows == null && cols == null && (d != null || kind.symmetric())) {
            return new int[] {integer(required(root, "d"), 1, 4096), 0, 0};
        }
        if (d != null) {
            throw yaml.error(d, "d", "give d (a symmetric X*) or rows and cols (a rectangular one), not both");
        }
        return new int[] {0, integer(required(root, "rows"), 1, 4096), integer(required(root, "cols"), 1, 4096)};
    }

    private long count(double rate) throws ConfigException {
        YamlNode count = field(root, "count");
        YamlNode duration = field(root, "duration");
        if (count != null && duration != null) {
            throw yaml.error(duration, "duration", "give count or duration, not both");
        }
        if (count != null) {
            return yaml.longValue(count);
        }
        if (duration == null) {
            throw yaml.error(root, "count", "missing: give count (measurements) or duration (e.g. 60s)");
        }
        return Math.max(1, Math.round(seconds(duration) * rate));
    }

    private Scenario.Truth truth(YamlNode t) throws ConfigException {
        mapping(t, TRUTH);
        YamlNode sources = field(t, "sources");
        YamlNode network = field(t, "network");
        if ((sources == null) == (network == null)) {
            throw yaml.error(t, "truth", "give exactly one of sources (a list of powers) or network (hiddenUnits)");
        }
        if (sources != null) {
            if (!sources.isList()) {
                throw yaml.error(sources, "truth.sources", "must be a list of source powers, e.g. [3.0, 2.0, 1.0]");
            }
            double[] powers = new double[sources.items().size()];
            for (int i = 0; i < powers.length; i++) {
                powers[i] = yaml.number(sources.items().get(i), Double.NaN);
            }
            return construct(() -> new Scenario.Truth.Sources(powers));
        }
        mapping(network, NETWORK);
        int hidden = integer(required(network, "hiddenUnits"), 1, 4096);
        return construct(() -> new Scenario.Truth.Network(hidden));
    }

    private Scenario.Noise noise() throws ConfigException {
        YamlNode snr = field(root, "snrDb");
        YamlNode sigma = field(root, "noise");
        if (snr != null && sigma != null) {
            throw yaml.error(sigma, "noise", "give snrDb or noise, not both");
        }
        if (snr != null) {
            double db = yaml.number(snr, Double.NaN);
            return construct(() -> Scenario.Noise.snr(db));
        }
        double s = yaml.number(sigma, 0);
        return construct(() -> Scenario.Noise.absolute(s));
    }

    private Scenario.Faults faults(YamlNode f) throws ConfigException {
        if (f == null) {
            return Scenario.Faults.NONE;
        }
        mapping(f, FAULTS);
        YamlNode dropoutNode = field(f, "dropout");
        Scenario.Dropout dropout = null;
        if (dropoutNode != null) {
            mapping(dropoutNode, DROPOUT);
            int device = integer(required(dropoutNode, "device"), 0, Integer.MAX_VALUE);
            long after = yaml.longValue(required(dropoutNode, "after"));
            double seconds = seconds(required(dropoutNode, "for"));
            dropout = construct(() -> new Scenario.Dropout(device, after, seconds));
        }
        Scenario.Dropout d = dropout;
        Scenario.Faults none = Scenario.Faults.NONE;
        double outliers = yaml.number(field(f, "outlierFraction"), none.outlierFraction());
        double scale = yaml.number(field(f, "outlierScale"), none.outlierScale());
        double malformed = yaml.number(field(f, "malformedFraction"), none.malformedFraction());
        double duplicates = yaml.number(field(f, "duplicateFraction"), none.duplicateFraction());
        double reorder = yaml.number(field(f, "reorderFraction"), none.reorderFraction());
        YamlNode brokenNode = field(f, "brokenDevice");
        int broken = brokenNode == null ? none.brokenDevice() : integer(brokenNode, 0, Integer.MAX_VALUE);
        return construct(() -> new Scenario.Faults(outliers, scale, malformed, duplicates, reorder, d, broken));
    }

    private Scenario.Drift drift(YamlNode n) throws ConfigException {
        if (n == null) {
            return Scenario.Drift.NONE;
        }
        mapping(n, DRIFT);
        double degrees = yaml.number(required(n, "degreesPerSecond"), 0);
        int planes = intOr(field(n, "planes"), 1);
        return construct(() -> new Scenario.Drift(degrees, planes));
    }

    /** Builds a record; its "field: problem" exception is reported at that field's place. */
    private <T> T construct(Supplier<T> build) throws ConfigException {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            String field = colon < 0 ? "(document)" : message.substring(0, colon);
            throw yaml.error(nodeAt(field), field, colon < 0 ? message : message.substring(colon + 2));
        }
    }

    /** The node of a dotted field path, or the deepest of its parents that is there. */
    private YamlNode nodeAt(String path) {
        YamlNode at = root;
        for (String part : path.split("\\.")) {
            YamlNode child = at.fields().get(part);
            if (child == null) {
                return at;
            }
            at = child;
        }
        return at;
    }

    private Kind kind(YamlNode n) throws ConfigException {
        try {
            return Kind.fromKey(yaml.text(n, "rank-one"));
        } catch (IllegalArgumentException e) {
            throw yaml.error(n, "kind", e.getMessage());
        }
    }

    private void mapping(YamlNode n, Set<String> allowed) throws ConfigException {
        if (!n.isMap()) {
            throw yaml.error(n, n.path(), "must be a mapping with " + new TreeSet<>(allowed));
        }
        yaml.known(n, allowed);
    }

    private static YamlNode field(YamlNode map, String name) {
        YamlNode n = map.fields().get(name);
        return n == null || n.scalar() == null && !n.isMap() && !n.isList() ? null : n;
    }

    private YamlNode required(YamlNode map, String name) throws ConfigException {
        YamlNode n = field(map, name);
        if (n == null) {
            String path = map.path().isEmpty() ? name : map.path() + "." + name;
            throw yaml.error(map.fields().getOrDefault(name, map), path, "missing");
        }
        return n;
    }

    private int intOr(YamlNode n, int fallback) throws ConfigException {
        return n == null ? fallback : integer(n, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private int integer(YamlNode n, int min, int max) throws ConfigException {
        return yaml.integer(n, min, max, 0);
    }

    /** A duration: 500ms, 20s, 2m, or a plain number of seconds. */
    private double seconds(YamlNode n) throws ConfigException {
        String t = yaml.text(n, null).trim().toLowerCase(Locale.ROOT);
        try {
            double v;
            if (t.endsWith("ms")) {
                v = Double.parseDouble(t.substring(0, t.length() - 2).trim()) / 1000;
            } else if (t.endsWith("s")) {
                v = Double.parseDouble(t.substring(0, t.length() - 1).trim());
            } else if (t.endsWith("m")) {
                v = Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 60;
            } else {
                v = Double.parseDouble(t);
            }
            if (!(v > 0) || !Double.isFinite(v)) {
                throw yaml.error(n, n.path(), "must be positive, got " + n.scalar());
            }
            return v;
        } catch (NumberFormatException e) {
            throw yaml.error(n, n.path(), "must be a duration such as 500ms, 20s or 2m, got " + n.scalar());
        }
    }

}
