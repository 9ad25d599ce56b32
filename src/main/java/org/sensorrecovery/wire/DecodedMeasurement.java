package org.sensorrecovery.wire;

import org.sensorrecovery.sensing.Measurement;

/** A valid measurement with its sender and sequence number. */
public record DecodedMeasurement(String device, long seq, Measurement measurement) {
}
