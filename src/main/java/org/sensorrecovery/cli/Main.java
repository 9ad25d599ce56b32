package org.sensorrecovery.cli;

import java.util.List;

import org.sensorrecovery.linalg.Kernels;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the executable jar: a thin picocli dispatcher. */
@Command(name = "sensor-recovery", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Recovers low-rank PSD sensor matrices from streamed linear measurements.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:runtime failure", "2:bad usage or configuration"})
public final class Main {

    static {
        // Before any Chronicle class loads: no analytics, no banner.
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
    }

    /** Exit code for a runtime failure. */
    public static final int RUNTIME_FAILURE = 1;
    /** Exit code for bad usage or an invalid configuration. */
    public static final int BAD_USAGE = 2;

    /** The subcommands, in the order the usage help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, DemoCommand.class, StatusCommand.class,
            SimulateCommand.class, SolveCommand.class, RecordCommand.class, ReplayCommand.class, ExportCommand.class,
            ImportCommand.class, PredictCommand.class, BenchCommand.class, CommandLine.HelpCommand.class);

    public static void main(String[] args) {
        int code;
        try {
            code = execute(args);
        } catch (Throwable t) {
            // An Error (OutOfMemoryError at start, say) must end the process, not leave it half-started
            // with the broker's and the client's threads keeping it alive.
            System.err.println("error: " + t);
            code = RUNTIME_FAILURE;
        }
        System.exit(code);
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return execute(null, null, args);
    }

    /** Runs the command line with the given output streams (null: the process's own). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        for (Class<?> subcommand : subcommandsFor(args)) {
            cli.addSubcommand(subcommand);
        }
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? BAD_USAGE : RUNTIME_FAILURE);
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return BAD_USAGE;
        });
        return cli.execute(args);
    }

    /**
     * The subcommand the first argument names, alone; else (help, a top-level option, a name that
     * is no subcommand) all of them. picocli reflects over every command it is given, with its
     * options' types: for all of them that was a third of a short command's start.
     */
    static List<Class<?>> subcommandsFor(String... args) {
        if (args.length > 0 && !"help".equals(args[0])) {
            for (Class<?> c : SUBCOMMANDS) {
                if (c.getAnnotation(Command.class).name().equals(args[0])) {
                    return List.of(c);
                }
            }
        }
        return SUBCOMMANDS;
    }

    /**
     * Starts choosing the matrix kernel (native library probe, self-check: a fifth of a cold
     * {@code solve}) on a daemon thread, so that what the command does first (read its input, start
     * the broker) overlaps it; the solver's first {@link Kernels#best()} waits for the choice.
     */
    static void chooseKernelMeanwhile() {
        Thread choice = new Thread(Kernels::best, "kernel-choice");
        choice.setDaemon(true);
        choice.start();
    }
}
