package org.sensorrecovery.simulate;

import java.util.List;

import org.sensorrecovery.wire.DecodedMeasurement;

/**
 * One message a simulated device sends, and what it is.
 *
 * @param device index of the sending device
 * @param type valid measurements, a malformed message, or a redelivery of an earlier message
 * @param payload the MQTT payload (wire contract JSON, or deliberately not)
 * @param measurements the valid measurements it carries (for a duplicate: those already sent once); empty when malformed
 * @param outliers how many of them carry a gross error on y (still valid: the runtime journals them)
 * @param reason for a malformed message, what the runtime's rejection reason contains; else null
 * @param due global index of the latest measurement measured when it goes out (pacing: due / rate seconds)
 */
public record Outgoing(int device, Type type, byte[] payload, List<DecodedMeasurement> measurements, int outliers,
                       String reason, long due) {

    public enum Type { MEASUREMENTS, MALFORMED, DUPLICATE }

    public Outgoing {
        measurements = List.copyOf(measurements);
        if ((type == Type.MALFORMED) != (reason != null)) {
            throw new IllegalArgumentException("reason: given exactly for malformed messages, got " + reason + " for " + type);
        }
    }

    /** The same message sent again later. */
    Outgoing redelivered(long at) {
        return new Outgoing(device, Type.DUPLICATE, payload, measurements, outliers, null, at);
    }

    Outgoing dueAt(long at) {
        return at == due ? this : new Outgoing(device, type, payload, measurements, outliers, reason, at);
    }
}
