package org.sensorrecovery.metrics;

import java.util.List;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.sensorrecovery.runtime.Gateway.ArrayRuntime;
import org.sensorrecovery.worker.WorkerStats;

/**
 * The refine-time histogram, read from the buckets the worker keeps ({@link WorkerStats}): the
 * worker stays free of the metrics library, and a scrape reads a few atomics per array.
 */
final class RefineTimeCollector implements Collector {

    private final String name;
    private final List<ArrayRuntime> arrays;
    private final double[] bounds;

    RefineTimeCollector(String name, List<ArrayRuntime> arrays) {
        this.name = name;
        this.arrays = arrays;
        double[] b = WorkerStats.bucketBounds();
        this.bounds = java.util.Arrays.copyOf(b, b.length + 1);
        this.bounds[b.length] = Double.POSITIVE_INFINITY;
    }

    @Override
    public MetricSnapshot collect() {
        HistogramSnapshot.Builder h = HistogramSnapshot.builder().name(name)
                .help("Time of one refine step of the solver (a budget of iterations), seconds.");
        for (ArrayRuntime a : arrays) {
            WorkerStats s = a.worker().stats();
            h.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, s.refineCounts()))
                    .sum(s.refineSeconds())
                    .labels(Labels.of("array", a.config().id()))
                    .build());
        }
        return h.build();
    }

    @Override
    public String getPrometheusName() {
        return name;
    }
}
