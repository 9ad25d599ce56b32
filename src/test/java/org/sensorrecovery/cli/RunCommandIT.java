package org.sensorrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensorrecovery.broker.EmbeddedBroker;

/** The packaged jar as an operator runs it: `java -jar` with no flags, stopped by SIGTERM. */
class RunCommandIT {

    @TempDir
    Path dir;

    @Test
    void theJarRunsWithoutFlagsAndStopsCleanlyOnSigtermWithinFiveSeconds() throws Exception {
        int port = EmbeddedBroker.freePort();
        int httpPort = EmbeddedBroker.freePort();
        String config = Files.readString(Path.of("device-configs/quickstart.yaml"))
                .replace("port: 1883", "port: " + port);
        Path file = Files.writeString(dir.resolve("gateway.yaml"), config);
        Process p = new ProcessBuilder("java", "-jar", Path.of("target/sensor-recovery.jar").toAbsolutePath().toString(),
                "run", "--config", file.toString(), "--data-dir", dir.resolve("data").toString(),
                "--http", "127.0.0.1:" + httpPort)
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.startsWith("sensor-recovery running")) {
                seen.append(line).append('\n');
            }
            assertTrue(line != null, "no running line; output:\n" + seen);
            assertTrue(!seen.toString().contains("Exception"), seen.toString());
            String dashboard = out.readLine();
            assertTrue(dashboard != null && dashboard.startsWith("dashboard http://127.0.0.1:" + httpPort + "/"), dashboard);
            long t0 = System.nanoTime();
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(5, TimeUnit.SECONDS), "still running 5 s after SIGTERM");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms < 5_000, "stopped in " + ms + " ms");
        } finally {
            p.destroyForcibly();
        }
        for (String array : new String[] {"cov32", "corr64", "gauss16"}) {
            assertTrue(Files.exists(dir.resolve("data").resolve(array).resolve("worker.checkpoint")), array + " checkpoint");
        }
    }
}
