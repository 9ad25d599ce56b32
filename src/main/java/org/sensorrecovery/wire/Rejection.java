package org.sensorrecovery.wire;

/**
 * Why an input was refused.
 *
 * @param reason what is wrong, naming the field
 * @param device sender when known, else null
 * @param seq sequence number when known, else null
 * @param index position in its batch (0 for a single object), or -1 for the whole message
 */
public record Rejection(String reason, String device, Long seq, int index) {
}
