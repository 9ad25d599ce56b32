package org.sensorrecovery.wire;

import java.util.List;

/** The valid measurements of a message, in message order, and the rejections. */
public record DecodeResult(List<DecodedMeasurement> accepted, List<Rejection> rejected) {
}
