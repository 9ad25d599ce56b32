package org.sensorrecovery.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.sensorrecovery.cluster.ClusterBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `bench cluster`: measurements and refines per second of 1, 2, 3 solver members draining a backlog in Kafka. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Starts 1, 2, 3 solver members in this JVM on a fresh group, loads rank-one measurements into a"
                + " fresh topic as fast as it can; prints measurements/s and refines/s per member count.")
final class BenchClusterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap, e.g. 127.0.0.1:9092.")
    String kafka;

    @Option(names = "--members", split = ",", defaultValue = "1,2,3", description = "Member counts to run (default 1,2,3).")
    List<Integer> members;

    @Option(names = "--arrays", defaultValue = "24", description = "Arrays (default 24).")
    int arrays;

    @Option(names = "--per-array", defaultValue = "5000", description = "Measurements per array in the backlog (default 5000).")
    int perArray;

    @Option(names = "-d", defaultValue = "16", description = "Array dimension (rank-one kind; default 16).")
    int d;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%d arrays (rank-one, d=%d), %d measurements each, backlog in Kafka %s; %d cores%n", arrays, d, perArray,
                kafka, Runtime.getRuntime().availableProcessors());
        out.printf("%8s %14s %12s %14s %12s%n", "members", "measurements", "seconds", "measurements/s", "refines/s");
        for (int m : members) {
            ClusterBench.Result r = ClusterBench.run(kafka, m, arrays, perArray, d);
            out.printf("%8d %14d %12.1f %14.0f %12.0f%n", r.members(), r.measurements(), r.seconds(),
                    r.measurementsPerSecond(), r.refinesPerSecond());
            out.flush();
        }
        return 0;
    }
}
