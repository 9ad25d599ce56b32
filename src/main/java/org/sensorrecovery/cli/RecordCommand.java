package org.sensorrecovery.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.sensorrecovery.capture.Recorder;
import org.sensorrecovery.config.ConfigException;
import org.sensorrecovery.journal.ArrayJournal;
import org.sensorrecovery.mqtt.MqttSettings;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.mqtt.PahoTransport;
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
        String topic = prefix + "/" + a.id() + "/m";
        Recorder recorder;
        try (ArrayJournal journal = ArrayJournal.open(out.resolve("journal"));
             MqttTransport t = new PahoTransport(MqttSettings.plain(broker, "record-" + ProcessHandle.current().pid())
                     .withCleanSession(true))) {
            recorder = new Recorder(journal, a.shape(), count == null ? Long.MAX_VALUE : count, err::println);
            t.subscribe(topic, 1, recorder);
            if (!t.connect(10_000)) {
                err.println("error: cannot connect to " + broker);
                return Main.RUNTIME_FAILURE;
            }
            err.printf("recording %s into %s%n", topic, out);
            err.flush();
            recorder.await(duration == null ? Long.MAX_VALUE : (long) (duration * 1000));
        }
        recorder.manifest(a.id(), a.rectangular(), a.shape()).write(out);
        err.printf("recorded %d measurements (%d refused) into %s%n", recorder.recorded(), recorder.refused(), out);
        return 0;
    }
}
