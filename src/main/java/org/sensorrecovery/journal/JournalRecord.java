package org.sensorrecovery.journal;

import org.sensorrecovery.sensing.Measurement;

/**
 * One accepted measurement as journaled: arrival time, sender, sequence number and the measurement.
 *
 * @param arrivalNanos epoch nanoseconds when the runtime accepted it
 */
public record JournalRecord(long arrivalNanos, String device, long seq, Measurement measurement) {
}
