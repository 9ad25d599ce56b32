package org.sensorrecovery.sensing;

import org.sensorrecovery.linalg.Gemm;

/** Builds the window for a symmetric array's kind. */
public final class Sensings {

    private Sensings() {
    }

    /**
     * @param maxRank the largest factor width the solver will use
     * @throws IllegalArgumentException for {@link Kind#BILINEAR}, which needs two factors
     */
    public static SymmetricSensing symmetric(Kind kind, int d, int capacity, int maxRank, Gemm gemm) {
        return switch (kind) {
            case RANK_ONE -> new RankOneSensing(d, capacity, maxRank, gemm);
            case ENTRY -> new EntrySensing(d, capacity);
            case GAUSSIAN, DENSE -> new MatrixSensing(kind, d, capacity, gemm);
            case BILINEAR -> throw new IllegalArgumentException(
                    "kind: bilinear measures a rectangular matrix and needs the two-factor solver");
        };
    }
}
