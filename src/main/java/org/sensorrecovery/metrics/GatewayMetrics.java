package org.sensorrecovery.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import org.sensorrecovery.ingest.DuplicateFilter;
import org.sensorrecovery.ingest.RejectReason;
import org.sensorrecovery.runtime.Gateway;
import org.sensorrecovery.runtime.Gateway.ArrayRuntime;
import org.sensorrecovery.solver.Estimate;
import org.sensorrecovery.solver.SvdEstimate;
import org.sensorrecovery.uplink.Uplink;

/**
 * The runtime's Prometheus metrics. Nothing here counts anything itself: every metric is a
 * callback that reads, at scrape time, state the runtime already keeps (ingest counters, the
 * worker's latest estimate and stats, the journal, the MQTT transport), so the hot paths carry no
 * metrics code. Names follow the Prometheus conventions: base units, {@code _total} counters.
 */
public final class GatewayMetrics {

    static final String PREFIX = "sensor_recovery_";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /**
     * @param clock for the estimate age
     */
    public GatewayMetrics(Gateway gateway, Clock clock) {
        List<ArrayRuntime> arrays = gateway.arrays();
        registerIngest(arrays);
        registerDelivery(gateway, arrays);
        registerJournal(arrays);
        registerUplink(gateway.uplink(), arrays);
        registerSolver(arrays, clock);
        registry.register(new RefineTimeCollector(PREFIX + "refine_duration_seconds", arrays));
        registerRuntime(gateway);
        registerJvm(registry);
    }

    private void registerIngest(List<ArrayRuntime> arrays) {
        counter("measurements_accepted", "Measurements journaled.", arrays, a -> a.ingest().counters().accepted());
        counter("measurements_duplicates", "Redelivered measurements dropped by (device, seq).", arrays,
                a -> a.ingest().counters().duplicates());
        counter("measurements_missing", "Seqs that never arrived: per device, gaps more than "
                + DuplicateFilter.REORDER_WINDOW + " seqs below its latest or older than "
                + DuplicateFilter.QUIET_NANOS / 1_000_000_000L + " s; a late arrival takes one back, so it can decrease.",
                arrays, a -> a.ingest().counters().missing());
        CounterWithCallback.builder().name(PREFIX + "measurements_rejected")
                .help("Inputs refused with a reason on the rejected topic, by bucket of reason.")
                .labelNames("array", "reason")
                .callback(cb -> {
                    for (ArrayRuntime a : arrays) {
                        for (RejectReason r : RejectReason.values()) {
                            cb.call(a.ingest().counters().rejected(r), a.config().id(), r.label());
                        }
                    }
                }).register(registry);
        // Read last: ingest counts a message as received before its outcome, so a scrape never shows
        // more outcomes than inputs.
        counter("measurements_received", "Measurements (and undecodable messages) received from devices.", arrays,
                a -> a.ingest().counters().received());
    }

    private void registerDelivery(Gateway gateway, List<ArrayRuntime> arrays) {
        gauge("ingest_paused_messages", "Messages not acknowledged because the journal refused them (disk below the reserve).",
                null, arrays, a -> a.ingest().pausedMessages());
        counter("rejections_suppressed", "Rejections not published: over the per-device rate limit, or the outbox full.",
                arrays, a -> gateway.outbox().suppressed(a.config().id()));
        GaugeWithCallback.builder().name(PREFIX + "outbox_pending")
                .help("Estimates and rejections waiting to be published (the broker away, or busy).")
                .callback(cb -> cb.call(gateway.outbox().pending())).register(registry);
    }

    private void registerJournal(List<ArrayRuntime> arrays) {
        gauge("journal_entries", "Measurements in the journal (what retention kept).", null, arrays,
                a -> a.journal().entries());
        gauge("journal_size_bytes", "Bytes of the journal's cycle files.", Unit.BYTES, arrays,
                a -> a.journal().sizeBytes());
    }

    private void registerUplink(Uplink uplink, List<ArrayRuntime> arrays) {
        if (uplink == null) {
            return;
        }
        gauge("uplink_backlog_measurements", "Journaled measurements Kafka has not acknowledged yet (the uplink's backlog).",
                null, arrays, a -> uplink.backlog(a.config().id()));
        counter("uplink_forwarded_measurements", "Measurements Kafka acknowledged since start.", arrays,
                a -> uplink.forwarded(a.config().id()));
        GaugeWithCallback.builder().name(PREFIX + "uplink_connected")
                .help("1 while the uplink's last attempt to hand a record to Kafka succeeded.")
                .callback(cb -> cb.call(uplink.connected() ? 1 : 0)).register(registry);
    }

    private void registerSolver(List<ArrayRuntime> arrays, Clock clock) {
        estimateGauge("window_measurements", "Measurements the latest estimate was fitted on.", arrays, Fit::window);
        estimateGauge("estimated_rank", "Numerical rank of the latest estimate.", arrays, Fit::rank);
        estimateGauge("residual_ratio", "Relative RMS residual of the latest estimate on its window.", arrays,
                Fit::residual);
        CounterWithCallback.builder().name(PREFIX + "solver_iterations")
                .help("Accepted solver steps in total (restored from the checkpoint on restart).")
                .labelNames("array")
                .callback(cb -> each(arrays, (a, e) -> cb.call(e.iterations(), a.config().id())))
                .register(registry);
        GaugeWithCallback.builder().name(PREFIX + "estimate_age_seconds").unit(Unit.SECONDS)
                .help("Seconds since the last estimate was published.")
                .labelNames("array")
                .callback(cb -> {
                    for (ArrayRuntime a : arrays) {
                        long at = a.worker().stats().publishedAtMillis();
                        if (at >= 0) {
                            cb.call(Math.max(0, clock.millis() - at) / 1e3, a.config().id());
                        }
                    }
                }).register(registry);
        gauge("worker_alive", "1 while the array's worker thread runs.", null, arrays,
                a -> a.thread().isAlive() ? 1 : 0);
    }

    private void registerRuntime(Gateway gateway) {
        GaugeWithCallback.builder().name(PREFIX + "mqtt_connected")
                .help("1 while the runtime's MQTT client is connected to the broker.")
                .callback(cb -> cb.call(gateway.connected() ? 1 : 0)).register(registry);
        CounterWithCallback.builder().name(PREFIX + "mqtt_reconnects")
                .help("Reconnections to the broker since start.")
                .callback(cb -> cb.call(gateway.reconnects())).register(registry);
        GaugeWithCallback.builder().name(PREFIX + "data_dir_free_bytes").unit(Unit.BYTES)
                .help("Usable bytes on the file system of the data directory.")
                .callback(cb -> {
                    long free = gateway.freeBytes();
                    if (free >= 0) {
                        cb.call(free);
                    }
                }).register(registry);
    }

    /**
     * The client's standard JVM collectors, less two that cost more memory than they tell here: native
     * memory (empty without -XX:NativeMemoryTracking, and it starts the JMX platform server) and
     * allocation per pool (a GC notification listener on every collection).
     */
    static void registerJvm(PrometheusRegistry registry) {
        JvmThreadsMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmCompilationMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
    }

    private void counter(String name, String help, List<ArrayRuntime> arrays, ToDoubleFunction<ArrayRuntime> value) {
        CounterWithCallback.builder().name(PREFIX + name).help(help).labelNames("array")
                .callback(cb -> {
                    for (ArrayRuntime a : arrays) {
                        cb.call(value.applyAsDouble(a), a.config().id());
                    }
                }).register(registry);
    }

    private void gauge(String name, String help, Unit unit, List<ArrayRuntime> arrays,
                       ToDoubleFunction<ArrayRuntime> value) {
        GaugeWithCallback.Builder b = GaugeWithCallback.builder().name(PREFIX + name).help(help).labelNames("array");
        if (unit != null) {
            b.unit(unit);
        }
        b.callback(cb -> {
            for (ArrayRuntime a : arrays) {
                double v = value.applyAsDouble(a);
                if (v >= 0) {
                    cb.call(v, a.config().id());
                }
            }
        }).register(registry);
    }

    /** A gauge of the latest estimate; arrays without one yet have no sample. */
    private void estimateGauge(String name, String help, List<ArrayRuntime> arrays, ToDoubleFunction<Fit> value) {
        GaugeWithCallback.builder().name(PREFIX + name).help(help).labelNames("array")
                .callback(cb -> each(arrays, (a, e) -> cb.call(value.applyAsDouble(e), a.config().id())))
                .register(registry);
    }

    /** What the solver's gauges read of the latest estimate, symmetric or rectangular. */
    private record Fit(int window, int rank, double residual, long iterations) {
    }

    private static void each(List<ArrayRuntime> arrays, BiConsumer<ArrayRuntime, Fit> f) {
        for (ArrayRuntime a : arrays) {
            Estimate e = a.worker().latest();
            SvdEstimate s = a.worker().latestSvd();
            if (e != null) {
                f.accept(a, new Fit(e.window(), e.rank(), e.residual(), e.iterations()));
            } else if (s != null) {
                f.accept(a, new Fit(s.window(), s.rank(), s.residual(), s.iterations()));
            }
        }
    }

    /** The text exposition format's content type. */
    public String contentType() {
        return writer.getContentType();
    }

    /** Writes every metric in the Prometheus text exposition format. */
    public void scrape(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
