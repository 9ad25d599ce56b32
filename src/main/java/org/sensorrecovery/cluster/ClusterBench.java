package org.sensorrecovery.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.config.HttpConfig;
import org.sensorrecovery.config.KafkaConfig;
import org.sensorrecovery.journal.JournalSync;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.simulate.SimulatedArray;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementEncoder;
import org.sensorrecovery.wire.WireLimits;

/**
 * `bench cluster`: N members started in this JVM settle into a fresh group, then a producer loads
 * arrays x perArray measurements into a fresh topic as fast as it can; measures, from the first
 * record loaded to the last one counted, measurements per second and refines per second. Members in one JVM share the machine's
 * cores with each other and with Kafka exactly as processes would.
 */
public final class ClusterBench {

    /**
     * One run's figures.
     *
     * @param measurements measurements counted
     * @param seconds from the first measurement loaded (the group settled before) to the last one counted
     * @param refines refine calls (up to iterationsPerRefine steps each) in that time, over all arrays
     */
    public record Result(int members, int arrays, long measurements, double seconds, long refines) {
        public double measurementsPerSecond() {
            return measurements / seconds;
        }

        public double refinesPerSecond() {
            return refines / seconds;
        }
    }

    private ClusterBench() {
    }

    /** Starts the members, lets the group settle, then loads arrays x perArray rank-one measurements of dimension d. */
    public static Result run(String bootstrap, int members, int arrays, int perArray, int d)
            throws IOException, InterruptedException {
        String run = "bench" + members + "x" + System.currentTimeMillis();
        KafkaConfig.Source source = new KafkaConfig.Source(bootstrap, run, run);
        List<ArrayConfig> configs = new ArrayList<>();
        for (int i = 0; i < arrays; i++) {
            configs.add(new ArrayConfig(run + "-a" + i, Kind.RANK_ONE, d, 0, 4096, Method.PRECOND, 1e-3, 1e-10, 50));
        }
        try (Admin admin = Admin.create(MemberClients.admin(source))) {
            ClusterTopics.ensure(admin, run);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("bench cluster: cannot create the topics on " + bootstrap + ": " + e, e);
        }
        List<ClusterMember> started = new ArrayList<>();
        try {
            for (int m = 0; m < members; m++) {
                started.add(ClusterMember.start(new GatewayConfig(run + "-m" + m, null, 0, Path.of("."), "sensors",
                        Duration.ofSeconds(1), WireLimits.DEFAULT, 48, 0, configs, HttpConfig.OFF, JournalSync.NONE, null,
                        source)));
            }
            settle(started, arrays);
            // The clock runs from the first record loaded to the last one counted: members consume while it loads.
            long t0 = System.nanoTime();
            long refines0 = refines(started);
            load(source, configs, perArray, d);
            long total = (long) arrays * perArray;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (counted(started) < total && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            return new Result(members, arrays, counted(started), (System.nanoTime() - t0) / 1e9,
                    refines(started) - refines0);
        } finally {
            started.forEach(ClusterMember::close);
        }
    }

    private static void load(KafkaConfig.Source source, List<ArrayConfig> configs, int perArray, int d) {
        try (Producer<String, byte[]> p = new KafkaProducer<>(MemberClients.producer(source, "bench-loader"))) {
            List<SimulatedArray> sims = new ArrayList<>();
            for (int i = 0; i < configs.size(); i++) {
                sims.add(new SimulatedArray(Kind.RANK_ONE, d, new double[] {2, 1}, 0, i));
            }
            for (int seq = 0; seq < perArray; seq++) {
                for (int i = 0; i < configs.size(); i++) {
                    byte[] json = MeasurementEncoder.encode(new DecodedMeasurement("dev", seq, sims.get(i).next()));
                    p.send(new ProducerRecord<>(source.topic(), configs.get(i).id(), json));
                }
            }
            p.flush();
        }
    }

    /** Until every member has joined, every array is owned and no assignment came for 3 s. */
    private static void settle(List<ClusterMember> members, int arrays) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        long assignments = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = members.stream().mapToLong(ClusterMember::rebalances).sum();
            if (now != assignments || owned(members) < arrays || members.stream().anyMatch(m -> m.rebalances() == 0)) {
                assignments = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(3)) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static int owned(List<ClusterMember> members) {
        Set<String> ids = new HashSet<>();
        members.forEach(m -> m.arrays().forEach(a -> ids.add(a.config().id())));
        return ids.size();
    }

    private static long counted(List<ClusterMember> members) {
        return members.stream().flatMap(m -> m.arrays().stream()).mapToLong(ArrayView::measurements).sum();
    }

    private static long refines(List<ClusterMember> members) {
        return members.stream().flatMap(m -> m.arrays().stream()).mapToLong(ArrayView::refines).sum();
    }
}
