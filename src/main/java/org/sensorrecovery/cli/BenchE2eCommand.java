package org.sensorrecovery.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.sensorrecovery.bench.EndToEnd;
import org.sensorrecovery.bench.Rotation;
import org.sensorrecovery.journal.JournalSync;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * End-to-end throughput and latency through a broker: a publisher, the runtime with one rank-one
 * array, and (with --broker) the broker's own QoS 1 rate from mosquitto_pub to mosquitto_sub as
 * the baseline of the same run.
 */
@Command(name = "e2e", mixinStandardHelpOptions = true,
        description = "Measurements/s journaled (single messages and batches) and publish-to-estimate latency.")
final class BenchE2eCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--broker", description = "External broker URL (tcp://127.0.0.1:PORT); default: the embedded broker.")
    String broker;

    @Option(names = "--d", defaultValue = "16", description = "Dimension of the rank-one array (default ${DEFAULT-VALUE}).")
    int d;

    @Option(names = "--single", defaultValue = "60000", description = "Single-measurement messages to send (default ${DEFAULT-VALUE}).")
    int single;

    @Option(names = "--repeats", defaultValue = "1",
            description = "With --broker: pairs of broker baseline and single-message run, alternating (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--batches", defaultValue = "3000", description = "Batches of --batch to send (default ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--batch", defaultValue = "100", description = "Measurements per batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--latency-rate", defaultValue = "1000", description = "Measurements/s for the latency run (default ${DEFAULT-VALUE}).")
    int latencyRate;

    @Option(names = "--latency-seconds", defaultValue = "10", description = "Length of the latency run (default ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--latency-warmup", defaultValue = "3",
            description = "Seconds at the same rate before the latency run, reported apart as start-up (default ${DEFAULT-VALUE}).")
    int latencyWarmup;

    @Option(names = "--http-load",
            description = "Instead: single-message throughput with HTTP off and on (an SSE client connected, /metrics"
                    + " scraped every second), alternating, --http-repeats times each; prints the ratio.")
    boolean httpLoad;

    @Option(names = "--http-repeats", defaultValue = "3", description = "Runs of each for --http-load (default ${DEFAULT-VALUE}).")
    int httpRepeats;

    @Option(names = "--sync", defaultValue = "none", converter = SyncConverter.class,
            description = "The runtime's journal.sync: none, batch or always (default ${DEFAULT-VALUE}).")
    JournalSync sync;

    @Option(names = "--durability",
            description = "Instead: ingest rate (single messages and batches) under journal.sync none, batch and always,"
                    + " alternating --repeats times; prints the medians and each one's ratio to none.")
    boolean durability;

    static final class SyncConverter implements picocli.CommandLine.ITypeConverter<JournalSync> {
        @Override
        public JournalSync convert(String value) {
            return JournalSync.parse(value);
        }
    }

    private EndToEnd runs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        runs = new EndToEnd(broker, d);
        runs.sync(sync);
        if (httpLoad) {
            return httpLoadRatio(out);
        }
        if (durability) {
            return durabilityRatios(out);
        }
        singleMessages(out);
        out.printf("batches of %d: %.0f measurements/s journaled%n", batch, runs.throughput(batch, batches, false));
        out.flush();
        double[][] lat = runs.latency(latencyRate, latencyWarmup, latencySeconds);
        out.printf("latency publish -> estimate at %d measurements/s, first %d s after start: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)%n",
                latencyRate, latencyWarmup, lat[0][0], lat[0][1], lat[0][2], (long) lat[0][3]);
        out.printf("latency publish -> estimate at %d measurements/s, steady state (next %d s): p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)%n",
                latencyRate, latencySeconds, lat[1][0], lat[1][1], lat[1][2], (long) lat[1][3]);
        out.flush();
        return 0;
    }

    /**
     * Single-message throughput; with a Mosquitto URL, alternating with the broker's own rate
     * --repeats times (the machine is shared, so one pair can be far off): each pair, then the
     * medians and their ratio.
     */
    private void singleMessages(PrintWriter out) throws Exception {
        if (broker == null || !broker.startsWith("tcp://")) {
            out.printf("single messages: %.0f measurements/s journaled%n", runs.throughput(1, single, false));
            out.flush();
            return;
        }
        double[] base = new double[repeats];
        Rotation pairs = Rotation.run(2, repeats, false, (c, i) -> {
            if (c == 0) {
                base[i] = EndToEnd.brokerBaseline(broker, single);
                out.printf("broker baseline (mosquitto_pub -> mosquitto_sub, QoS 1, %d messages): %.0f msg/s%n", single,
                        base[i]);
                out.flush();
                return new double[] {base[i]};
            }
            double ours = runs.throughput(1, single, false);
            out.printf("single messages: %.0f measurements/s journaled (%.0f%% of the baseline)%n", ours, 100 * ours / base[i]);
            out.flush();
            return new double[] {ours};
        });
        if (repeats > 1) {
            double b = pairs.median(0, 0);
            double o = pairs.median(1, 0);
            out.printf("single messages, median of %d: %.0f/s against the broker's %.0f msg/s: %.0f%%%n", repeats, o, b,
                    100 * o / b);
            out.flush();
        }
    }

    /**
     * Ingest rate under each journal.sync, in rotating order so that drift spreads over all three:
     * each run, then per level the medians and the ratio to none.
     */
    private int durabilityRatios(PrintWriter out) throws Exception {
        JournalSync[] levels = JournalSync.values();
        Rotation rates = Rotation.run(levels.length, repeats, true, (l, i) -> {
            runs.sync(levels[l]);
            double singles = runs.throughput(1, single, false);
            double batched = runs.throughput(batch, batches, false);
            out.printf("run %d, journal.sync %s: single messages %.0f/s, batches of %d %.0f/s%n", i + 1,
                    levels[l].key(), singles, batch, batched);
            out.flush();
            return new double[] {singles, batched};
        });
        double singleNone = rates.median(0, 0);
        double batchNone = rates.median(0, 1);
        for (int l = 0; l < levels.length; l++) {
            double s = rates.median(l, 0);
            double b = rates.median(l, 1);
            out.printf("journal.sync %-6s median of %d: single messages %.0f/s (%.2f of none), batches %.0f/s (%.2f of none)%n",
                    levels[l].key(), repeats, s, s / singleNone, b, b / batchNone);
        }
        out.flush();
        return 0;
    }

    /**
     * Single-message throughput without and with HTTP load: one unmeasured warm-up with HTTP (the
     * JIT compiles both paths), then pairs in alternating order so that drift cancels; the median
     * of each and their ratio.
     */
    private int httpLoadRatio(PrintWriter out) throws Exception {
        out.printf("warm-up (HTTP on, not counted): %.0f measurements/s%n", runs.throughput(1, single, true));
        out.flush();
        double singles = httpLoadRatio(out, 1, single, "single messages");
        double batched = httpLoadRatio(out, batch, batches, "batches of " + batch);
        out.printf("ratio HTTP on/off: single messages %.3f, batches %.3f%n", singles, batched);
        out.flush();
        return 0;
    }

    /** Configuration 0 is HTTP off, 1 HTTP on; odd rounds start with on. */
    private double httpLoadRatio(PrintWriter out, int perMessage, int messages, String what) throws Exception {
        Rotation rates = Rotation.run(2, httpRepeats, true, (c, i) -> {
            boolean withHttp = c == 1;
            double rate = runs.throughput(perMessage, messages, withHttp);
            if (withHttp) {
                out.printf("%s, run %d, HTTP on (SSE client + /metrics every 1 s): %.0f measurements/s journaled (%s)%n",
                        what, i + 1, rate, runs.lastLoad());
            } else {
                out.printf("%s, run %d, HTTP off: %.0f measurements/s journaled%n", what, i + 1, rate);
            }
            out.flush();
            return new double[] {rate};
        });
        double a = rates.median(0, 0);
        double b = rates.median(1, 0);
        out.printf("%s (%d measurements per run), median of %d: HTTP off %.0f/s, HTTP on %.0f/s, ratio on/off %.3f%n",
                what, (long) perMessage * messages, httpRepeats, a, b, b / a);
        out.flush();
        return b / a;
    }
}
