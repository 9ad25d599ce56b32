package org.sensorrecovery.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.function.ToDoubleFunction;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import org.sensorrecovery.cluster.ArrayView;
import org.sensorrecovery.cluster.ClusterMember;

/**
 * A cluster member's Prometheus metrics: per owned array the same names as a gateway's where they
 * mean the same, plus the member's own. Callbacks on the member's snapshot, like {@link GatewayMetrics}.
 */
public final class MemberMetrics {

    private static final String PREFIX = GatewayMetrics.PREFIX;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MemberMetrics(ClusterMember member, Clock clock) {
        counter(member, "measurements_accepted", "Distinct measurements counted into the array's estimate.",
                ArrayView::measurements);
        counter(member, "measurements_duplicates", "Redelivered measurements dropped by (device, seq).",
                ArrayView::duplicates);
        counter(member, "measurements_rejected", "Records of the topic that do not fit the member's config of the array.",
                ArrayView::rejected);
        GaugeWithCallback.builder().name(PREFIX + "estimate_age_seconds").unit(Unit.SECONDS)
                .help("Seconds since the last estimate was published.").labelNames("array")
                .callback(cb -> member.arrays().stream().filter(a -> a.publishedAtMillis() >= 0).forEach(a ->
                        cb.call(Math.max(0, clock.millis() - a.publishedAtMillis()) / 1e3, a.config().id())))
                .register(registry);
        GaugeWithCallback.builder().name(PREFIX + "member_owned_arrays")
                .help("Arrays this member owns now (the partitions the group assigned to it).")
                .callback(cb -> cb.call(member.arrays().size())).register(registry);
        CounterWithCallback.builder().name(PREFIX + "member_assignments")
                .help("Partition assignments this member received since start.")
                .callback(cb -> cb.call(member.rebalances())).register(registry);
        GatewayMetrics.registerJvm(registry);
    }

    private void counter(ClusterMember member, String name, String help, ToDoubleFunction<ArrayView> value) {
        CounterWithCallback.builder().name(PREFIX + name).help(help).labelNames("array")
                .callback(cb -> member.arrays().forEach(a -> cb.call(value.applyAsDouble(a), a.config().id())))
                .register(registry);
    }

    public String contentType() {
        return writer.getContentType();
    }

    public void scrape(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
