package org.sensorrecovery.sensing;

import org.sensorrecovery.linalg.Gemm;

/** Builds the window for an array's kind: symmetric (one factor) or rectangular (two). */
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

    /**
     * The window of a rectangular rows x cols array.
     *
     * @param maxRank the largest factor width the solver will use
     * @throws IllegalArgumentException for kinds that measure a symmetric matrix only
     */
    public static FactorSensing twoFactor(Kind kind, int rows, int cols, int capacity, int maxRank, Gemm gemm) {
        return switch (kind) {
            case BILINEAR -> new BilinearSensing(rows, cols, capacity, maxRank, gemm);
            case ENTRY -> new RectangularEntrySensing(rows, cols, capacity);
            case RANK_ONE, GAUSSIAN, DENSE -> throw new IllegalArgumentException(
                    "kind: " + kind + " measures a symmetric d x d matrix; rectangular arrays take bilinear or entry");
        };
    }
}
