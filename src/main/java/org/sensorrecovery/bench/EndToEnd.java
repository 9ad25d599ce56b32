package org.sensorrecovery.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.config.HttpConfig;
import org.sensorrecovery.http.HttpEndpoint;
import org.sensorrecovery.journal.JournalSync;
import org.sensorrecovery.mqtt.MqttSettings;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.mqtt.PahoTransport;
import org.sensorrecovery.runtime.Gateway;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.simulate.SimulatedArray;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.EstimateCodec;
import org.sensorrecovery.wire.MeasurementEncoder;
import org.sensorrecovery.wire.WireLimits;

/**
 * The runs of {@code bench e2e}: a publisher, the runtime with one rank-one array of dimension d
 * on the embedded broker or the given one, and the broker's own QoS 1 rate (mosquitto_pub to
 * mosquitto_sub) as a baseline. Each run starts a fresh gateway in a temporary directory.
 */
public final class EndToEnd {

    private JournalSync sync = JournalSync.NONE;

    private static final long SETTLE_MILLIS = 1_500;
    private static final long QUIET_MILLIS = 300;

    private final String broker;
    private final int d;
    private String prefix;
    private String lastLoad = "";

    /** @param broker an external broker URL, or null for the embedded one */
    public EndToEnd(String broker, int d) {
        this.broker = broker;
        this.d = d;
    }

    /** What the HTTP load did during the last throughput run with HTTP on. */
    /** The journal.sync of the runtimes started from now on. */
    public void sync(JournalSync level) {
        this.sync = level;
    }

    public String lastLoad() {
        return lastLoad;
    }

    /** The median of values. */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length;
        return m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
    }

    private Gateway start(Path dir, Duration publishInterval) throws IOException {
        ArrayConfig a = new ArrayConfig("bench", Kind.RANK_ONE, d, 0, 4096, Method.PRECOND, 1e-3, 1e-10, 20);
        // A fresh topic prefix per run: a retained estimate of an earlier run must not be read as this one's.
        prefix = "bench" + System.nanoTime() % 1_000_000;
        GatewayConfig c = new GatewayConfig(prefix, null, 0, dir, prefix, publishInterval,
                WireLimits.DEFAULT, 48, 64L << 20, List.of(a));
        return Gateway.start(c.withBrokerUrl(broker).withJournalSync(sync));
    }

    private MqttTransport client(Gateway g, String role) {
        MqttTransport t = new PahoTransport(MqttSettings.plain(g.brokerUrl(), role + "-" + System.nanoTime()).withCleanSession(true));
        t.connect(10_000);
        return t;
    }

    private List<byte[]> messages(int messages, int perMessage) {
        List<byte[]> out = new ArrayList<>(messages);
        long seq = 0;
        SimulatedArray s = new SimulatedArray(Kind.RANK_ONE, d, new double[] {2, 1, 0.5}, 0, 5);
        for (int i = 0; i < messages; i++) {
            List<DecodedMeasurement> b = new ArrayList<>(perMessage);
            for (int j = 0; j < perMessage; j++) {
                b.add(new DecodedMeasurement("bench", seq++, s.next()));
            }
            out.add(perMessage == 1 ? MeasurementEncoder.encode(b.get(0)) : MeasurementEncoder.encodeBatch(b));
        }
        return out;
    }


    /**
     * Measurements/s from the first publish until the last one is journaled, after an untimed
     * warm-up of half as many messages on the same runtime and a wait for the JIT compiler to fall
     * quiet: a gateway runs for days, so its compiled code, not the compiler, is the steady state.
     */
    public double throughput(int perMessage, int messages, boolean withHttp) throws Exception {
        int warmup = Math.max(1, messages / 2);
        List<byte[]> payloads = messages(warmup + messages, perMessage);
        Path dir = Files.createTempDirectory("bench-e2e");
        try (Gateway g = start(dir, Duration.ofSeconds(1)); MqttTransport pub = client(g, "bench-pub");
             HttpEndpoint endpoint = withHttp ? HttpEndpoint.start(g, HttpConfig.DEFAULT.at(
                     new HttpConfig.Address("127.0.0.1", 0)), Clock.systemUTC()) : null;
             HttpLoad load = withHttp ? HttpLoad.start(endpoint.url()) : null) {
            long settled = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
            if (load != null) {
                // Measure the steady state: the dashboard connected and /metrics scraped at least once.
                load.awaitStarted(5_000);
            }
            // The same settling time with and without HTTP, so that neither run gets a warmer gateway.
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(settled - System.nanoTime())));
            var counters = g.array("bench").ingest().counters();
            send(pub, perMessage, payloads.subList(0, warmup));
            awaitAccepted(counters, (long) warmup * perMessage);
            awaitCompilerQuiet();
            long t0 = System.nanoTime();
            send(pub, perMessage, payloads.subList(warmup, payloads.size()));
            awaitAccepted(counters, (long) (warmup + messages) * perMessage);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (load != null) {
                lastLoad = load.summary();
            }
            return (counters.accepted() - (double) warmup * perMessage) / seconds;
        }
    }

    private void send(MqttTransport pub, int perMessage, List<byte[]> payloads) throws Exception {
        if (broker != null && perMessage == 1) {
            // The same publisher as the baseline (mosquitto_pub), so the ratio compares like with like.
            mosquittoPubLines(broker, prefix + "/bench/m", payloads);
        } else {
            for (byte[] p : payloads) {
                pub.publish(prefix + "/bench/m", p, 1, false);
            }
        }
    }

    /** Waits until the JIT compiler has spent no time for {@value #QUIET_MILLIS} ms (at most 10 s). */
    private static void awaitCompilerQuiet() throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long before = jit.getTotalCompilationTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(QUIET_MILLIS);
            long now = jit.getTotalCompilationTime();
            if (now == before) {
                return;
            }
            before = now;
        }
    }

    private static void awaitAccepted(org.sensorrecovery.ingest.IngestCounters counters, long expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (counters.accepted() < expected && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    /**
     * p50, p99, max (ms) and count of the time from publishing a measurement to the first estimate
     * that counts it: for the warm-up seconds after start, then for the measured run.
     */
    public double[][] latency(int latencyRate, int latencyWarmup, int latencySeconds) throws Exception {
        int warm = latencyRate * latencyWarmup;
        int n = warm + latencyRate * latencySeconds;
        List<byte[]> payloads = messages(n, 1);
        long[] sentAt = new long[n];
        double[] latencies = new double[n];
        AtomicLong covered = new AtomicLong();
        Path dir = Files.createTempDirectory("bench-e2e");
        try (Gateway g = start(dir, Duration.ofMillis(10)); MqttTransport pub = client(g, "bench-pub");
             MqttTransport sub = client(g, "bench-sub")) {
            sub.subscribe(prefix + "/bench/estimate", 1, (t, payload) -> {
                long now = System.nanoTime();
                long count = Math.min(n, EstimateCodec.decode(payload).measurements());
                for (long i = covered.get(); i < count; i++) {
                    latencies[(int) i] = (now - sentAt[(int) i]) / 1e6;
                }
                covered.accumulateAndGet(count, Math::max);
            });
            Thread.sleep(500);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long due = t0 + (long) (i * 1e9 / latencyRate);
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                sentAt[i] = System.nanoTime();
                pub.publish(prefix + "/bench/m", payloads.get(i), 1, false);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (covered.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        int m = (int) covered.get();
        return new double[][] {percentiles(latencies, 0, Math.min(warm, m)), percentiles(latencies, warm, m)};
    }

    private static double[] percentiles(double[] values, int from, int to) {
        if (to <= from) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, 0};
        }
        double[] sorted = Arrays.copyOfRange(values, from, to);
        Arrays.sort(sorted);
        int m = sorted.length;
        return new double[] {sorted[m / 2], sorted[(int) Math.min(m - 1, Math.ceil(m * 0.99) - 1)], sorted[m - 1], m};
    }

    /** Publishes each payload as one line through mosquitto_pub -l (QoS 1). */
    private static void mosquittoPubLines(String url, String topic, List<byte[]> payloads) throws Exception {
        String hostPort = url.substring("tcp://".length());
        Process pub = new ProcessBuilder("mosquitto_pub", "-h", hostPort.substring(0, hostPort.lastIndexOf(':')),
                "-p", hostPort.substring(hostPort.lastIndexOf(':') + 1), "-q", "1", "-t", topic, "-l")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = new java.io.BufferedOutputStream(pub.getOutputStream(), 1 << 16)) {
            for (byte[] p : payloads) {
                in.write(p);
                in.write('\n');
            }
        }
        pub.waitFor(120, TimeUnit.SECONDS);
    }

    /** QoS 1 messages/s from mosquitto_pub -l to mosquitto_sub -C on the same broker. */
    public static double brokerBaseline(String url, int count) throws Exception {
        String hostPort = url.substring("tcp://".length());
        String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
        String port = hostPort.substring(hostPort.lastIndexOf(':') + 1);
        Process sub = new ProcessBuilder("mosquitto_sub", "-h", host, "-p", port, "-q", "1", "-t", "bench/baseline",
                "-C", Integer.toString(count)).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(500);
        Process pub = new ProcessBuilder("mosquitto_pub", "-h", host, "-p", port, "-q", "1", "-t", "bench/baseline", "-l")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String line = new String(MeasurementEncoder.encode(new DecodedMeasurement("bench", 0,
                new SimulatedArray(Kind.RANK_ONE, 16, new double[] {1}, 0, 1).next())), StandardCharsets.UTF_8) + "\n";
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        try (OutputStream in = pub.getOutputStream()) {
            for (int i = 0; i < count; i++) {
                in.write(bytes);
            }
        }
        boolean done = sub.waitFor(120, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        pub.waitFor(10, TimeUnit.SECONDS);
        sub.destroy();
        return done ? count / seconds : Double.NaN;
    }
}
