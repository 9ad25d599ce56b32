package org.sensorrecovery.cluster;

import org.sensorrecovery.config.ArrayConfig;

/**
 * What the HTTP endpoint shows of one owned array: a snapshot the member's thread publishes.
 *
 * @param refines refine calls (each up to iterationsPerRefine steps) on this member since it took the array over
 * @param offset the last offset of its measurements partition taken into account
 * @param estimate the latest estimate message (the contract's JSON), or null
 * @param publishedAtMillis when it was published, -1 before the first
 */
public record ArrayView(ArrayConfig config, String owner, int partition, long measurements, long duplicates,
                        long rejected, long refines, long offset, byte[] estimate, long publishedAtMillis) {
}
