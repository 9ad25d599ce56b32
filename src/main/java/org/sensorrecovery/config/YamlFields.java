package org.sensorrecovery.config;

import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of YAML values for the config and scenario readers, each failure a
 * {@link ConfigException} naming the file, line, column and field:
 * {@code gateway.yaml:4:8: arrays[0].d: must be in [1, 4096], got 0}.
 */
public final class YamlFields {

    private final String file;

    /** @param file the file name the errors start with */
    public YamlFields(String file) {
        this.file = file;
    }

    /** An error at a node (null: the file as a whole). */
    public ConfigException error(YamlNode at, String field, String problem) {
        String where = at == null ? file : file + ":" + at.line() + ":" + at.column();
        return new ConfigException(where + ": " + field + ": " + problem);
    }

    /** Refuses any field of the mapping that is not allowed. */
    public void known(YamlNode map, Set<String> allowed) throws ConfigException {
        for (var e : map.fields().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw error(e.getValue(), e.getValue().path(), "unknown field (expected one of " + new TreeSet<>(allowed) + ")");
            }
        }
    }

    /** The scalar; fallback when the node is absent or empty; an error for a mapping or a list. */
    public String text(YamlNode n, String fallback) throws ConfigException {
        if (n == null || n.scalar() == null && !n.isMap() && !n.isList()) {
            return fallback;
        }
        if (n.scalar() == null) {
            throw error(n, n.path(), "must be a single value");
        }
        return n.scalar();
    }

    /** An integer in [min, max]; fallback when absent. */
    public int integer(YamlNode n, int min, int max, int fallback) throws ConfigException {
        if (text(n, null) == null) {
            return fallback;
        }
        long v = longValue(n);
        if (v < min || v > max) {
            throw error(n, n.path(), "must be in [" + min + ", " + max + "], got " + v);
        }
        return (int) v;
    }

    /** A 64-bit integer; the node must be there. */
    public long longValue(YamlNode n) throws ConfigException {
        String t = text(n, null);
        try {
            return Long.parseLong(t == null ? "" : t.trim());
        } catch (NumberFormatException e) {
            throw error(n, n.path(), "must be an integer, got " + t);
        }
    }

    /** A finite number; fallback when absent. */
    public double number(YamlNode n, double fallback) throws ConfigException {
        String t = text(n, null);
        if (t == null) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(t.trim());
            if (!Double.isFinite(v)) {
                throw error(n, n.path(), "must be a finite number, got " + t);
            }
            return v;
        } catch (NumberFormatException e) {
            throw error(n, n.path(), "must be a number, got " + t);
        }
    }
}
