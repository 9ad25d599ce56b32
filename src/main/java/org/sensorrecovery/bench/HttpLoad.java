package org.sensorrecovery.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an open dashboard and a Prometheus server cost the runtime, for bench e2e --http-load: one
 * client reading the event stream, one scraping /metrics every second. Both loopback only.
 */
public final class HttpLoad implements AutoCloseable {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String url;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong scrapes = new AtomicLong();
    private final AtomicLong scrapeBytes = new AtomicLong();
    private final Thread sse;
    private final Thread scraper;
    private volatile boolean closed;
    private volatile InputStream stream;

    private HttpLoad(String url) {
        this.url = url;
        this.sse = new Thread(this::readEvents, "bench-sse");
        this.scraper = new Thread(this::scrape, "bench-scrape");
        sse.setDaemon(true);
        scraper.setDaemon(true);
    }

    public static HttpLoad start(String url) {
        HttpLoad l = new HttpLoad(url);
        l.sse.start();
        l.scraper.start();
        return l;
    }

    private void readEvents() {
        try {
            HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(url + "api/events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            stream = r.body();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while (!closed && (line = in.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        events.incrementAndGet();
                    }
                }
            }
        } catch (IOException e) {
            // Closed under us at the end of the run.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void scrape() {
        HttpRequest metrics = HttpRequest.newBuilder(URI.create(url + "metrics")).build();
        while (!closed) {
            try {
                HttpResponse<byte[]> r = client.send(metrics, HttpResponse.BodyHandlers.ofByteArray());
                scrapes.incrementAndGet();
                scrapeBytes.addAndGet(r.body().length);
                Thread.sleep(1000);
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits until the stream delivered an event and one scrape is done. */
    public void awaitStarted(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while ((events.get() == 0 || scrapes.get() == 0) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }

    public String summary() {
        long n = scrapes.get();
        return events.get() + " events, " + n + " scrapes of " + (n == 0 ? 0 : scrapeBytes.get() / n) + " bytes";
    }

    @Override
    public void close() throws IOException {
        closed = true;
        scraper.interrupt();
        InputStream s = stream;
        if (s != null) {
            s.close();
        }
    }
}
