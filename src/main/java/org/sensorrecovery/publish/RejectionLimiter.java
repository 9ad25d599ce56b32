package org.sensorrecovery.publish;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * At most {@code perSecond} rejections a second per (array, device), a token bucket of that
 * size: one broken device cannot flood the rejected topic, and every device still hears why. What
 * it holds back is counted per device and told with the next one let through. At most
 * {@value #DEVICES} devices are tracked (least recently rejected forgotten first), so random
 * device ids cannot grow it without bound. Not thread-safe: its owner serializes calls.
 */
final class RejectionLimiter {

    static final int DEVICES = 4096;
    private static final long SECOND = 1_000_000_000L;

    private final int perSecond;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > DEVICES;
        }
    };

    private static final class Bucket {
        double tokens;
        long updatedNanos;
        long suppressed;
    }

    RejectionLimiter(int perSecond) {
        this.perSecond = perSecond;
    }

    /**
     * Takes one rejection of a device.
     *
     * @return -1 when it is to be suppressed, else how many of this device's were suppressed
     *         before it (then reset)
     */
    long admit(String array, String device, long nowNanos) {
        String key = array + '\u0000' + (device == null ? "" : device);
        Bucket b = buckets.get(key);
        if (b == null) {
            b = new Bucket();
            b.tokens = perSecond;
            b.updatedNanos = nowNanos;
            buckets.put(key, b);
        }
        b.tokens = Math.min(perSecond, b.tokens + (double) (nowNanos - b.updatedNanos) * perSecond / SECOND);
        b.updatedNanos = nowNanos;
        if (b.tokens < 1) {
            b.suppressed++;
            return -1;
        }
        b.tokens -= 1;
        long s = b.suppressed;
        b.suppressed = 0;
        return s;
    }
}
