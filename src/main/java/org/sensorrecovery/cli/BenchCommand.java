package org.sensorrecovery.cli;

import picocli.CommandLine.Command;

/** Benchmarks that print figures; nothing here asserts on time. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures the solver and the runtime on this machine and prints medians.",
        subcommands = {BenchSolveCommand.class, BenchRecoveryCommand.class, BenchE2eCommand.class, BenchReplayCommand.class,
                BenchClusterCommand.class})
final class BenchCommand {
}
