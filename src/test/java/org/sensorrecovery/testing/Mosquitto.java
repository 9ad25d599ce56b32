package org.sensorrecovery.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.sensorrecovery.broker.EmbeddedBroker;

/**
 * A real Mosquitto broker for tests: bound to 127.0.0.1 on a free port with a temporary config,
 * stopped by its own PID. CI installs Debian's mosquitto; a missing binary fails the test.
 */
public final class Mosquitto implements AutoCloseable {

    private final Process process;
    private final int port;

    private Mosquitto(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Mosquitto start(Path dir) throws IOException, InterruptedException {
        return start(dir, EmbeddedBroker.freePort());
    }

    /** No in-flight limit and a deep queue: a broker that never drops, for tests about the runtime alone. */
    public static final String UNLIMITED = "persistence false\nmax_inflight_messages 0\nmax_queued_messages 100000\n";
    /** Mosquitto's defaults (20 in flight, 1000 queued per client), as a stock install has them. */
    public static final String STOCK = "persistence false\n";

    public static Mosquitto start(Path dir, int port) throws IOException, InterruptedException {
        return start(dir, port, UNLIMITED);
    }

    /**
     * Persistence in dir/mosquitto-db (saved every second and on exit), so a restart keeps sessions
     * and their queued messages; the rest as {@link #UNLIMITED}. As root Mosquitto drops to user
     * mosquitto, hence a directory everyone may write.
     */
    public static String persistent(Path dir) throws IOException {
        Path db = Files.createDirectories(dir.resolve("mosquitto-db"));
        db.toFile().setWritable(true, false);
        db.toFile().setExecutable(true, false);
        return "persistence true\npersistence_location " + db + "/\nautosave_interval 1\n"
                + "max_inflight_messages 0\nmax_queued_messages 100000\n";
    }

    /** @param settings config lines after the listener and allow_anonymous */
    public static Mosquitto start(Path dir, int port, String settings) throws IOException, InterruptedException {
        Path conf = dir.resolve("mosquitto-" + port + ".conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\n" + settings);
        String binary = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
        Process p = new ProcessBuilder(binary, "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto-" + port + ".log").toFile()).start();
        Mosquitto m = new Mosquitto(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto-" + port + ".log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return m;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        m.close();
        throw new IOException("mosquitto did not listen on " + port);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no chance to save or say goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
