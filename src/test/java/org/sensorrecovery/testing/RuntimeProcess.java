package org.sensorrecovery.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.sensorrecovery.http.JsonTree;

/**
 * The packaged runtime (target/sensor-recovery.jar) as a child process with a config file, its
 * output in a log beside the config; killed -9 by its own PID, or stopped with SIGTERM.
 */
public final class RuntimeProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int httpPort;

    private RuntimeProcess(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /**
     * Starts `run --config config` under the service's JVM flags (deploy/jvm.options) plus extra flags.
     *
     * @param httpPort the port the config's http section names, for {@link #arrays()}
     */
    public static RuntimeProcess start(Path config, int httpPort, String... jvmFlags) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("java", "@" + Path.of("deploy/jvm.options").toAbsolutePath()));
        cmd.addAll(List.of(jvmFlags));
        cmd.addAll(List.of("-jar", Path.of("target/sensor-recovery.jar").toAbsolutePath().toString(), "run", "--config",
                config.toString()));
        Path log = config.resolveSibling(config.getFileName() + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new RuntimeProcess(p, log, httpPort);
    }

    /** The "arrays" list of its /api/arrays, or an empty list while it does not answer. */
    public List<?> arrays() throws InterruptedException {
        try {
            HttpCalls.Response r = HttpCalls.get("http://127.0.0.1:" + httpPort + "/api/arrays", null);
            Object arrays = r.status() == 200 ? JsonTree.at(JsonTree.parse(r.body().getBytes()), "arrays") : null;
            return arrays instanceof List<?> l ? l : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** GET path on its HTTP endpoint. */
    public HttpCalls.Response get(String path) throws IOException, InterruptedException {
        return HttpCalls.get("http://127.0.0.1:" + httpPort + path, null);
    }

    /** The ids of the arrays its /api/arrays lists. */
    public List<String> arrayIds() throws InterruptedException {
        return arrays().stream().map(a -> (String) JsonTree.at(a, "id")).sorted().toList();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no checkpoint, no goodbye to the group. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, then SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
