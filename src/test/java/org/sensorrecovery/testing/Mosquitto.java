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

    public static Mosquitto start(Path dir, int port) throws IOException, InterruptedException {
        Path conf = dir.resolve("mosquitto-" + port + ".conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "max_inflight_messages 0\nmax_queued_messages 100000\n");
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

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
