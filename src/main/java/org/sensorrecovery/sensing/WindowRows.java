package org.sensorrecovery.sensing;

/**
 * What a solver reads of its window's rows besides the measurements themselves: the values, the
 * device that sent each row and its validation ticket (see {@link MeasurementWindow}).
 */
public interface WindowRows {

    int capacity();

    /** Rows the window's arrays hold now (grows with the data up to the capacity). */
    int allocatedRows();

    /** Measurements currently held. */
    int size();

    /** Measurements ever added. */
    long added();

    /** The measured values, [0, size) valid. Not to be modified. */
    double[] values();

    /** Adds m as sent by the named device (the empty string for an anonymous one). */
    void add(Measurement m, String device);

    /** The device id of each row, [0, size) valid. */
    int[] sources();

    /** The validation ticket of each row, uniform in [0, {@link MeasurementWindow#TICKETS}), [0, size) valid. */
    int[] tickets();

    /** Distinct device ids so far. */
    int devices();

    /** The name of a device id. */
    String device(int id);
}
