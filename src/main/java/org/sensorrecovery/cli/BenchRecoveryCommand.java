package org.sensorrecovery.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.sensorrecovery.bench.RecoveryTable;
import org.sensorrecovery.linalg.Kernels;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The success table at the sampling boundary: exact recoveries out of a number of data seeds, per case. */
@Command(name = "recovery", mixinStandardHelpOptions = true,
        description = "Exact recoveries (relative error < 1e-6) with solve's defaults over data seeds, per case, "
                + "and the time per solve.")
final class BenchRecoveryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--seeds", defaultValue = "20", description = "Data seeds per case, 1..n (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--cases", defaultValue = "rank-one-100,rank-one-200,bilinear-60x40,bilinear-45x35", split = ",",
            description = "Cases (default ${DEFAULT-VALUE}): rank-one-D at m = 3 d r (r = 5), "
                    + "bilinear-RxC at m = 2.5 (rows + cols) r (r = 3).")
    List<String> cases;

    @Option(names = "--seed-list", split = ",", description = "Only these data seeds (instead of 1..--seeds).")
    List<Long> seedList;

    @Option(names = "--verbose", description = "One line per seed.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("kernel=%s%n", Kernels.best().name());
        for (String name : cases) {
            RecoveryTable.Case c = RecoveryTable.Case.named(name);
            List<Long> list = seedList != null ? seedList
                    : java.util.stream.LongStream.rangeClosed(1, seeds).boxed().toList();
            RecoveryTable.Row row = RecoveryTable.run(c, list, System::nanoTime, o -> {
                if (verbose || !o.exact()) {
                    out.printf("  seed %d: %s after %d iterations, k %d, error %.2e, %.0f ms%n", o.seed(), o.status(),
                            o.iterations(), o.width(), o.error(), o.millis());
                    out.flush();
                }
            });
            out.printf("%-32s exact %2d/%d  worst error %.1e  time per solve median %.0f ms (max %.0f)%n", c, row.exact(),
                    row.seeds(), row.worstError(), row.medianMillis(), row.maxMillis());
            out.flush();
        }
        return 0;
    }
}
