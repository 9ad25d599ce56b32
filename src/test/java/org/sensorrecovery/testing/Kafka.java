package org.sensorrecovery.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.sensorrecovery.broker.EmbeddedBroker;

/**
 * A real single-node Apache Kafka (KRaft, broker and controller in one JVM) for tests, run from the
 * test class path's kafka_2.13 jars as a child JVM: formatted with StorageTool, bound to 127.0.0.1
 * on free ports, stopped by its own PID. The same settings as deploy/kafka-local.sh.
 */
public final class Kafka implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private Kafka(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Formats a log directory under dir and starts the server; returns once an admin client sees the node. */
    public static Kafka start(Path dir) throws IOException, InterruptedException {
        int port = EmbeddedBroker.freePort();
        int controller = EmbeddedBroker.freePort();
        Path props = dir.resolve("server.properties");
        Files.writeString(props, String.join("\n",
                "process.roles=broker,controller", "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port, "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("log"), "num.partitions=12",
                "offsets.topic.replication.factor=1", "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
                "min.insync.replicas=1", "group.initial.rebalance.delay.ms=0",
                "log.segment.bytes=8388608", "log.retention.hours=1", "") + "\n");
        Path out = dir.resolve("kafka.log");
        Process format = java(List.of("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", props.toString()), out)
                .start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IOException("kafka storage format failed: " + Files.readString(out));
        }
        Process p = java(List.of("kafka.Kafka", props.toString()), out).start();
        Kafka k = new Kafka(p, port, out);
        try {
            k.awaitReady(TimeUnit.SECONDS.toNanos(90));
        } catch (IOException | InterruptedException | RuntimeException e) {
            k.close();
            throw e;
        }
        return k;
    }

    private static String clusterId() {
        // Kafka's cluster ids are 16 random bytes, URL-safe base64 without padding (StorageTool random-uuid);
        // like Kafka's own Uuid.randomUuid, never one starting with '-', which the tool would take for an option.
        while (true) {
            UUID u = UUID.randomUUID();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                    .putLong(u.getLeastSignificantBits());
            String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
            if (id.charAt(0) != '-') {
                return id;
            }
        }
    }

    private static ProcessBuilder java(List<String> args, Path out) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(javaBin, "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
    }

    private void awaitReady(long timeoutNanos) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("kafka exited: " + tail());
            }
            if (listening() && nodeSeen()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("kafka not ready on " + port + ": " + tail());
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean nodeSeen() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    private String tail() throws IOException {
        String s = Files.readString(log);
        return s.substring(Math.max(0, s.length() - 2000));
    }

    /** host:port for bootstrap.servers. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGSTOP: the broker stops answering but keeps its connections open (a hung or partitioned Kafka). */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        resume();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
