package org.sensorrecovery.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/** What `run` shares between a gateway and a cluster member: how it fails to start, and how it stops. */
final class Shutdown {

    private Shutdown() {
    }

    /** Prints "error: cannot start: ..." and returns the runtime-failure exit code. */
    static int cannotStart(PrintWriter err, Throwable e) {
        err.println("error: cannot start: " + e.getMessage());
        err.flush();
        return Main.RUNTIME_FAILURE;
    }

    /**
     * Closes the endpoint (when there is one), then the runtime, on SIGTERM / Ctrl-C.
     *
     * @return counted down once both are closed: await it
     */
    static CountDownLatch onSignal(AutoCloseable endpoint, AutoCloseable runtime) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close(endpoint);
            close(runtime);
            stopped.countDown();
        }, "shutdown"));
        return stopped;
    }

    private static void close(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("error while stopping: " + e);
        }
    }
}
