package org.sensorrecovery.http;

import org.sensorrecovery.ingest.IngestCounters;
import org.sensorrecovery.linalg.EigenFormDistance;
import org.sensorrecovery.linalg.SvdFormDistance;
import org.sensorrecovery.runtime.Gateway;
import org.sensorrecovery.runtime.Gateway.ArrayRuntime;
import org.sensorrecovery.solver.Estimate;
import org.sensorrecovery.solver.SvdEstimate;
import org.sensorrecovery.wire.EstimateCodec;

/**
 * Follows one array for the dashboard: a point a second on its timeline, and the relative error
 * of the latest estimate against the ground truth when a simulator publishes one (recomputed
 * only when either changes). Sampled on the dashboard's thread only.
 */
final class ArrayTracker {

    private static final long POINT_EVERY_MILLIS = 1_000;

    private final ArrayRuntime array;
    private final Gateway gateway;
    private final ArrayTimeline timeline = new ArrayTimeline();
    private Estimate scoredEstimate;
    private EstimateCodec.Message scoredTruth;
    private SvdEstimate scoredSvd;
    private EstimateCodec.SvdMessage scoredSvdTruth;
    private volatile double error = Double.NaN;
    private long lastPointMillis = Long.MIN_VALUE / 2;

    ArrayTracker(ArrayRuntime array, Gateway gateway) {
        this.array = array;
        this.gateway = gateway;
    }

    ArrayRuntime array() {
        return array;
    }

    ArrayTimeline timeline() {
        return timeline;
    }

    /** The array's ground truth as a simulator last published it, or null. */
    EstimateCodec.Message gatewayTruth() {
        return gateway.truth(array.config().id());
    }

    /** Relative error of the latest estimate against the truth; NaN without a truth. */
    double error() {
        return error;
    }

    void sample(long nowMillis) {
        Estimate e = array.worker().latest();
        EstimateCodec.Message truth = gateway.truth(array.config().id());
        if (e != scoredEstimate || truth != scoredTruth) {
            scoredEstimate = e;
            scoredTruth = truth;
            error = e == null || truth == null ? Double.NaN
                    : EigenFormDistance.relative(java.util.Arrays.copyOf(e.eigenvalues(), e.rank()), e.eigenvectors(), truth.eigenvalues(), truth.eigenvectors());
        }
        SvdEstimate svd = array.worker().latestSvd();
        if (array.config().rectangular()) {
            scoreRectangular(svd);
        }
        if (nowMillis - lastPointMillis < POINT_EVERY_MILLIS) {
            return;
        }
        IngestCounters c = array.ingest().counters();
        ArrayTimeline.Point previous = timeline.latest();
        long accepted = c.accepted();
        double rate = previous == null || nowMillis <= previous.epochMillis() ? Double.NaN
                : (accepted - previous.accepted()) * 1e3 / (nowMillis - previous.epochMillis());
        double residual = e != null ? e.residual() : svd != null ? svd.residual() : Double.NaN;
        int rank = e != null ? e.rank() : svd != null ? svd.rank() : -1;
        timeline.add(new ArrayTimeline.Point(nowMillis, accepted, c.rejected(), array.worker().measurements(),
                residual, error, rank, rate));
        lastPointMillis = nowMillis;
    }

    /** The error of a rectangular array's estimate against its truth, from the singular triplets. */
    private void scoreRectangular(SvdEstimate e) {
        EstimateCodec.SvdMessage truth = gateway.rectangularTruth(array.config().id());
        if (e != scoredSvd || truth != scoredSvdTruth) {
            scoredSvd = e;
            scoredSvdTruth = truth;
            error = e == null || truth == null ? Double.NaN
                    : SvdFormDistance.relative(e.singularValues(), e.left(), e.right(), truth.singularValues(), truth.left(),
                            truth.right());
        }
    }

    /** A rectangular array's ground truth as a simulator last published it, or null. */
    EstimateCodec.SvdMessage gatewayRectangularTruth() {
        return gateway.rectangularTruth(array.config().id());
    }
}
