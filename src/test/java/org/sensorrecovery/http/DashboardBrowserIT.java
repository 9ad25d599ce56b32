package org.sensorrecovery.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.sensorrecovery.broker.EmbeddedBroker;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.config.GatewayConfig;
import org.sensorrecovery.config.HttpConfig;
import org.sensorrecovery.mqtt.MqttSettings;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.mqtt.PahoTransport;
import org.sensorrecovery.runtime.Gateway;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.simulate.SimulatedArray;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.testing.SimulatedStream;
import org.sensorrecovery.wire.EstimateCodec;
import org.sensorrecovery.wire.TruthCodec;
import org.sensorrecovery.wire.WireLimits;

/**
 * The dashboard in a real browser (Debian's chromium through its chromedriver; nothing is
 * downloaded): a gateway with a simulated stream, the page open, the pictures drawn, the numbers
 * live, and not one JavaScript error in the browser's log.
 */
class DashboardBrowserIT {

    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";

    @TempDir
    Path dir;

    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        assertTrue(Files.isExecutable(Path.of(CHROMEDRIVER)), CHROMEDRIVER + " missing: apt-get install chromium-driver");
        assertTrue(Files.isExecutable(Path.of(CHROMIUM)), CHROMIUM + " missing: apt-get install chromium");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,1400", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        await(what, done, () -> "");
    }

    private static void await(String what, BooleanSupplier done, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + state.get());
            }
            Thread.sleep(200);
        }
    }

    private long shownMeasurements() {
        String t = browser.findElement(By.id("s-measurements")).getText().replace(",", "");
        return t.matches("\\d+") ? Long.parseLong(t) : -1;
    }

    private String shownRank() {
        return browser.findElement(By.id("s-rank")).getText();
    }

    @Test
    void theDashboardDrawsTheEstimateAndFollowsTheStreamLiveWithoutAJavaScriptError() throws Exception {
        ArrayConfig a = new ArrayConfig("cov", Kind.RANK_ONE, 16, 0, 2048, Method.PRECOND, 1e-3, 1e-10, 50);
        GatewayConfig c = new GatewayConfig("browser-it", null, EmbeddedBroker.freePort(), dir.resolve("data"), "sensors",
                Duration.ofMillis(300), WireLimits.DEFAULT, 48, 0, List.of(a),
                HttpConfig.DEFAULT.at(new HttpConfig.Address("127.0.0.1", 0)));
        SimulatedArray sim = new SimulatedArray(Kind.RANK_ONE, 16, new double[] {3, 2, 1}, 0, 17);
        AtomicReference<EstimateCodec.Message> onMqtt = new AtomicReference<>();
        try (Gateway g = Gateway.start(c); HttpEndpoint http = HttpEndpoint.start(g, c.http(), Clock.systemUTC());
             MqttTransport device = new PahoTransport(MqttSettings.plain(g.brokerUrl(), "browser-dev").withCleanSession(true));
             MqttTransport watcher = new PahoTransport(MqttSettings.plain(g.brokerUrl(), "browser-watch").withCleanSession(true))) {
            assertTrue(device.connect(10_000));
            assertTrue(watcher.connect(10_000));
            watcher.subscribe("sensors/cov/estimate", 1, (t, p) -> onMqtt.set(EstimateCodec.decode(p)));
            assertTrue(watcher.awaitSubscribed(10_000));
            device.publish("sensors/cov/truth", truth(sim), 1, true);
            try (SimulatedStream stream = new SimulatedStream(device, "sensors/cov/m", sim, 800)) {
                browser.get(http.url());
                js("window.__sameDocument = true;");
                await("an estimate on the page", () -> shownRank().matches("\\d+"));

                await("the heatmap drawn", () -> ((Number) js(HEATMAP_PIXELS)).longValue() > 0);
                assertEquals(16L, js("return document.getElementById('heatmap').width;"), "one pixel per entry, d = 16");
                await("the spectrum drawn", () -> ((Number) js("return document.querySelectorAll('#spectrum rect').length;"))
                        .longValue() > 0);

                long before = shownMeasurements();
                await("the measurement count to increase", () -> shownMeasurements() > before);

                // The rank on the page is the rank of the estimate on MQTT (both settle at the truth's 3).
                await("the page's rank to match the MQTT estimate", () -> onMqtt.get() != null
                        && shownRank().equals(Integer.toString(onMqtt.get().rank())) && onMqtt.get().rank() == 3,
                        () -> views(g, onMqtt.get(), stream));
                assertEquals(3L, js("return document.querySelectorAll('#spectrum rect').length;"), "one bar per eigenvalue");
                assertEquals(3L, js("return document.querySelectorAll('#spectrum circle').length;"), "the truth's eigenvalues");

                await("the residual and error curves", () -> Boolean.TRUE.equals(js(
                        "const p = document.querySelectorAll('#convergence path');"
                                + " return p.length === 2 && p[0].getAttribute('d').length > 10 && p[1].getAttribute('d').length > 10;")));
                assertTrue(browser.findElement(By.id("s-error")).getText().matches("\\d\\.\\d\\de[-+]\\d+"),
                        browser.findElement(By.id("s-error")).getText());
                assertEquals("MQTT connected", browser.findElement(By.id("mqtt")).getText());
                assertEquals(Boolean.TRUE, js("return window.__sameDocument === true;"), "updated live, never reloaded");
                assertTrue(stream.sent() > 0);
            }
            Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, Path.of("target", "dashboard-browser-it.png"), StandardCopyOption.REPLACE_EXISTING);
            List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
            assertEquals(List.of(), errors.stream().map(LogEntry::toString).toList(), "the browser's console");
        }
    }

    /** What the page, MQTT and the gateway itself each say, for a failure message. */
    private String views(Gateway g, EstimateCodec.Message mqtt, SimulatedStream stream) {
        var worker = g.array("cov").worker();
        var server = worker.latest();
        return ": page rank " + shownRank() + " at " + shownMeasurements() + " measurements ("
                + browser.findElement(By.id("updated")).getText() + ", now " + Instant.now() + ")"
                + "; MQTT " + (mqtt == null ? "nothing" : "rank " + mqtt.rank() + " at " + mqtt.measurements()
                        + " measurements, " + mqtt.iterations() + " iterations, residual " + mqtt.residual()
                        + ", updated " + mqtt.updatedAt())
                + "; gateway " + (server == null ? "no estimate" : "rank " + server.rank() + ", " + worker.measurements()
                        + " measurements, worker " + g.array("cov").thread().getState() + " at "
                        + java.util.Arrays.stream(g.array("cov").thread().getStackTrace()).limit(6).toList()
                        + "; solver " + worker.solverState())
                + "; device sent " + stream.sent();
    }

    /** Pixels of the heatmap canvas that are not (near) white: a drawn X_hat has many. */
    private static final String HEATMAP_PIXELS = "const c = document.getElementById('heatmap');"
            + " if (c.width < 2) return 0;"
            + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
            + " for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && (d[i] < 230 || d[i + 2] < 230)) n++; }"
            + " return n;";

    /** The simulated array's X* as a simulator's truth message. */
    private static byte[] truth(SimulatedArray sim) {
        int d = sim.dimension();
        double[][] x = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(sim.truth(), i * d, x[i], 0, d);
        }
        var eig = new org.apache.commons.math3.linear.EigenDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(x, false));
        double[] values = new double[3];
        double[][] vectors = new double[3][];
        for (int r = 0; r < 3; r++) {
            values[r] = eig.getRealEigenvalue(r);
            vectors[r] = eig.getEigenvector(r).toArray();
        }
        assertNotNull(vectors[2]);
        return TruthCodec.encode(new TruthCodec.Truth("cov", "browser-it", d, values, vectors, 0, 0, Instant.now()));
    }
}
