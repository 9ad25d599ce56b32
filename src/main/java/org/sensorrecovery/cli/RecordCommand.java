package org.sensorrecovery.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.sensorrecovery.capture.CaptureManifest;
import org.sensorrecovery.config.ConfigException;
import org.sensorrecovery.journal.ArrayJournal;
import org.sensorrecovery.journal.JournalFullException;
import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.mqtt.MqttSettings;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.mqtt.PahoTransport;
import org.sensorrecovery.wire.DecodeResult;
import org.sensorrecovery.wire.DecodedMeasurement;
import org.sensorrecovery.wire.MeasurementCodec;
import org.sensorrecovery.wire.Rejection;
import org.sensorrecovery.wire.WireLimits;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Subscribes to an array's measurement topic and writes a capture: journal with arrival times + manifest. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Records an array's measurements from a broker into a capture directory.")
final class RecordCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--broker", required = true, paramLabel = "URL", description = "Broker (tcp://host:port).")
    String broker;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Capture directory to create.")
    Path out;

    @Option(names = "--count", description = "Stop after this many valid measurements.")
    Long count;

    @Option(names = "--duration", description = "Stop after this many seconds.")
    Double duration;

    @Option(names = "--topic-prefix", defaultValue = "sensors", description = "Topic prefix (default ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--array", required = true, paramLabel = "ID", description = "Array id to record.")
    String array;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Shape shape;

    /** The array's shape: from a gateway config, or given. */
    static final class Shape {
        @Option(names = "--config", paramLabel = "FILE", description = "Gateway config that has the array.")
        Path config;
        @ArgGroup(exclusive = false)
        Explicit explicit;
    }

    static final class Explicit {
        @Option(names = "--kind", required = true, description = "Measurement kind.")
        String kind;
        @Option(names = "--d", description = "Dimension of a symmetric array.")
        int d;
        @Option(names = "--rows", description = "Rows of a rectangular array (bilinear, entry).")
        int rows;
        @Option(names = "--cols", description = "Columns of a rectangular array.")
        int cols;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ArrayShapeOptions.Resolved a;
        try {
            a = ArrayShapeOptions.resolve(shape.config, array, shape.explicit == null ? null : shape.explicit.kind,
                    shape.explicit == null ? 0 : shape.explicit.d, shape.explicit == null ? 0 : shape.explicit.rows,
                    shape.explicit == null ? 0 : shape.explicit.cols, array);
            if (count == null && duration == null) {
                throw new IllegalArgumentException("give --count or --duration (or both)");
            }
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Main.BAD_USAGE;
        }
        if (Files.isDirectory(out.resolve("journal"))) {
            err.println("error: " + out + " already holds a capture");
            return Main.BAD_USAGE;
        }
        MeasurementCodec codec = new MeasurementCodec(a.shape(), WireLimits.DEFAULT);
        AtomicLong recorded = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        CountDownLatch done = new CountDownLatch(1);
        String topic = prefix + "/" + a.id() + "/m";
        try (ArrayJournal journal = ArrayJournal.open(out.resolve("journal"));
             MqttTransport t = new PahoTransport(MqttSettings.plain(broker, "record-" + ProcessHandle.current().pid())
                     .withCleanSession(true))) {
            t.subscribe(topic, 1, (tp, payload) -> {
                if (done.getCount() == 0) {
                    return;
                }
                long arrival = System.currentTimeMillis() * 1_000_000L + System.nanoTime() % 1_000_000L;
                DecodeResult r = codec.decode(payload);
                refused.addAndGet(r.rejected().size());
                for (Rejection rej : r.rejected()) {
                    err.println("refused: " + rej.reason());
                }
                for (DecodedMeasurement m : r.accepted()) {
                    try {
                        journal.append(new JournalRecord(arrival, m.device(), m.seq(), m.measurement()));
                    } catch (JournalFullException e) {
                        err.println("not recorded: " + e.getMessage());
                        continue;
                    }
                    span[0] = Math.min(span[0], arrival);
                    span[1] = Math.max(span[1], arrival);
                    if (count != null && recorded.incrementAndGet() >= count) {
                        done.countDown();
                        return;
                    } else if (count == null) {
                        recorded.incrementAndGet();
                    }
                }
            });
            if (!t.connect(10_000)) {
                err.println("error: cannot connect to " + broker);
                return Main.RUNTIME_FAILURE;
            }
            err.printf("recording %s into %s%n", topic, out);
            err.flush();
            if (duration != null) {
                done.await((long) (duration * 1000), TimeUnit.MILLISECONDS);
            } else {
                done.await();
            }
            done.countDown();
        }
        long n = recorded.get();
        CaptureManifest.of(a.id(), a.rectangular(), a.shape(), n, n == 0 ? 0 : span[0], n == 0 ? 0 : span[1]).write(out);
        err.printf("recorded %d measurements (%d refused) into %s%n", n, refused.get(), out);
        return 0;
    }
}
