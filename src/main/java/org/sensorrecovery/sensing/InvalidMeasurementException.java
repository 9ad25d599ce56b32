package org.sensorrecovery.sensing;

/** A measurement that does not fit its array; names the offending field. */
public final class InvalidMeasurementException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidMeasurementException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The contract field at fault ({@code a}, {@code i}, {@code y}, ...). */
    public String field() {
        return field;
    }
}
