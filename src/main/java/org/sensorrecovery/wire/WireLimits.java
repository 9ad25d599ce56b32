package org.sensorrecovery.wire;

/**
 * Limits on incoming messages.
 *
 * @param maxMessageBytes largest payload accepted, in bytes
 * @param maxBatch most measurements in one batch
 */
public record WireLimits(int maxMessageBytes, int maxBatch) {

    public static final WireLimits DEFAULT = new WireLimits(1 << 20, 10_000);

    public WireLimits {
        if (maxMessageBytes < 64) {
            throw new IllegalArgumentException("maxMessageBytes: must be at least 64, got " + maxMessageBytes);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch: must be at least 1, got " + maxBatch);
        }
    }
}
