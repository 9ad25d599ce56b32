package org.sensorrecovery.wire;

import org.sensorrecovery.sensing.Kind;

/**
 * What the codec needs to know of an array: its kind and its matrix shape (rows x cols; d x d for
 * symmetric arrays).
 */
public record ArrayShape(Kind kind, int rows, int cols) {

    public ArrayShape {
        if (kind == null) {
            throw new IllegalArgumentException("kind: missing");
        }
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("shape: rows and cols must be at least 1, got " + rows + " x " + cols);
        }
        if (!kind.rectangular() && rows != cols) {
            throw new IllegalArgumentException("shape: a " + kind + " array is square, got " + rows + " x " + cols);
        }
    }

    /** A symmetric d x d array. */
    public static ArrayShape square(Kind kind, int d) {
        return new ArrayShape(kind, d, d);
    }
}
