package org.sensorrecovery.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.wire.ArrayShape;
import org.sensorrecovery.wire.DecodeResult;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.JacksonMeasurementCodec;
import org.sensorrecovery.wire.MeasurementCodec;
import org.sensorrecovery.wire.MeasurementEncoder;
import org.sensorrecovery.wire.WireLimits;

/**
 * Decoding measurement messages as ingest does on the MQTT callback thread: rank-one at d = 16
 * (17 doubles each, as MeasurementEncoder writes them), in batches of 100 or one per message.
 * The byte decoder (MeasurementCodec) against the Jackson decoder it replaced. One operation is
 * one measurement, so the score is measurements/s. bench/decode.sh prints medians and the ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 7, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g"})
public class MeasurementDecodeBenchmark {

    private static final int MEASUREMENTS = 100;
    private static final int D = 16;
    private static final int PAYLOAD_SETS = 32;

    /** batch: one message of 100 measurements; single: 100 messages of one. */
    @Param({"batch", "single"})
    public String messages;

    /** bytes: MeasurementCodec; jackson: JacksonMeasurementCodec. */
    @Param({"bytes", "jackson"})
    public String decoder;

    private byte[][][] payloads;
    private int next;
    private MeasurementCodec bytes;
    private JacksonMeasurementCodec jackson;

    @Setup(Level.Trial)
    public void setUp() {
        ArrayShape shape = ArrayShape.square(Kind.RANK_ONE, D);
        bytes = new MeasurementCodec(shape, WireLimits.DEFAULT);
        jackson = new JacksonMeasurementCodec(shape, WireLimits.DEFAULT);
        Random rnd = new Random(1);
        long seq = 0;
        payloads = new byte[PAYLOAD_SETS][][];
        for (int s = 0; s < PAYLOAD_SETS; s++) {
            List<DecodedMeasurement> batch = new ArrayList<>(MEASUREMENTS);
            for (int i = 0; i < MEASUREMENTS; i++) {
                double[] a = new double[D];
                double y = 0;
                for (int k = 0; k < D; k++) {
                    a[k] = rnd.nextGaussian();
                    y += a[k] * a[k] * (k < 3 ? 2.0 / (k + 1) : 0);
                }
                batch.add(new DecodedMeasurement("bench", seq++, new org.sensorrecovery.sensing.Measurement.RankOne(a, y)));
            }
            if ("batch".equals(messages)) {
                payloads[s] = new byte[][] {MeasurementEncoder.encodeBatch(batch)};
            } else {
                payloads[s] = new byte[MEASUREMENTS][];
                for (int i = 0; i < MEASUREMENTS; i++) {
                    payloads[s][i] = MeasurementEncoder.encode(batch.get(i));
                }
            }
        }
        DecodeResult check = "bytes".equals(decoder) ? bytes.decode(payloads[0][0]) : jackson.decode(payloads[0][0]);
        if (!check.rejected().isEmpty()) {
            throw new IllegalStateException("benchmark payload refused: " + check.rejected());
        }
    }

    @Benchmark
    @OperationsPerInvocation(MEASUREMENTS)
    public void decode(Blackhole bh) {
        byte[][] set = payloads[next];
        next = (next + 1) % PAYLOAD_SETS;
        boolean useBytes = "bytes".equals(decoder);
        for (byte[] p : set) {
            bh.consume(useBytes ? bytes.decode(p) : jackson.decode(p));
        }
    }
}
