package org.sensorrecovery.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;

/**
 * Server-sent events: every connected dashboard gets the latest state, latest wins (a slow client
 * skips states instead of queueing them). Each stream is served on its own HTTP thread, so a client
 * that stops reading blocks only itself; the number of streams is capped.
 */
final class EventStreams implements AutoCloseable {

    static final int MAX_STREAMS = 8;
    private static final long KEEPALIVE_MILLIS = 15_000;
    private static final byte[] KEEPALIVE = ": keepalive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private volatile byte[] latest;
    private volatile boolean closed;

    /** One connected client's mailbox of one event. */
    private static final class Stream {
        private byte[] pending;
        private boolean done;

        synchronized void offer(byte[] event) {
            pending = event;
            notifyAll();
        }

        synchronized void finish() {
            done = true;
            notifyAll();
        }

        /** The next event, null after the timeout; throws when finished. */
        synchronized byte[] take(long timeoutMillis) throws InterruptedException, IOException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (pending == null && !done) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return null;
                }
                wait(left);
            }
            if (done) {
                throw new IOException("event streams closed");
            }
            byte[] e = pending;
            pending = null;
            return e;
        }
    }

    int connected() {
        return streams.size();
    }

    /** Hands one state (a JSON document on one line) to every stream. */
    void publish(byte[] json) {
        byte[] event = frame(json);
        latest = event;
        for (Stream s : streams) {
            s.offer(event);
        }
    }

    private static byte[] frame(byte[] json) {
        byte[] head = "data: ".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + json.length + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(json, 0, out, head.length, json.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }

    /** Serves one client until it goes away or the server stops; runs on the request's thread. */
    void serve(HttpExchange ex) throws IOException {
        if (streams.size() >= MAX_STREAMS || closed) {
            Responses.text(ex, 503, "too many dashboards connected (at most " + MAX_STREAMS + ")\n");
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Accel-Buffering", "no");
        ex.sendResponseHeaders(200, 0);
        Stream s = new Stream();
        streams.add(s);
        try (OutputStream out = ex.getResponseBody()) {
            out.write("retry: 2000\n\n".getBytes(StandardCharsets.US_ASCII));
            byte[] first = latest;
            if (first != null) {
                out.write(first);
            }
            out.flush();
            while (!closed) {
                byte[] e = s.take(KEEPALIVE_MILLIS);
                out.write(e == null ? KEEPALIVE : e);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.remove(s);
        }
    }

    @Override
    public void close() {
        closed = true;
        streams.forEach(Stream::finish);
    }
}
