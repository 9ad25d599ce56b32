package org.sensorrecovery.sensing;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The measurement kinds of the wire contract, by their config and CLI key. */
public enum Kind {
    RANK_ONE("rank-one"),
    ENTRY("entry"),
    BILINEAR("bilinear"),
    GAUSSIAN("gaussian"),
    DENSE("dense");

    private final String key;

    Kind(String key) {
        this.key = key;
    }

    /** The key used in configs, the CLI and messages. */
    public String key() {
        return key;
    }

    /** Whether this kind measures a symmetric d x d matrix through a single factor. */
    public boolean symmetric() {
        return this != BILINEAR;
    }

    /** Whether this kind measures a rectangular rows x cols matrix X = U V^T (bilinear, entry). */
    public boolean rectangular() {
        return this == BILINEAR || this == ENTRY;
    }

    /**
     * The kind with the given key.
     *
     * @throws IllegalArgumentException naming the accepted keys
     */
    public static Kind fromKey(String key) {
        for (Kind k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown kind '" + key + "', expected one of "
                + Arrays.stream(values()).map(Kind::key).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return key;
    }
}
