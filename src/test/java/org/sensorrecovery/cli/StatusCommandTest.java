package org.sensorrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.broker.EmbeddedBroker;
import org.sensorrecovery.testing.Cli;
import org.sensorrecovery.testing.Cli.Result;

/** status against a stand-in for the runtime's /api/arrays (the real one: MetricsIT). */
class StatusCommandTest {

    private static final String STATE = "{\"runtime\":\"gw\",\"time\":\"2026-01-01T00:00:00Z\","
            + "\"mqtt\":{\"broker\":\"tcp://127.0.0.1:1883\",\"connected\":true,\"reconnects\":2},\"arrays\":["
            + "{\"id\":\"cov32\",\"kind\":\"rank-one\",\"d\":32,\"counters\":{\"received\":1007,\"accepted\":1000,"
            + "\"rejected\":5,\"duplicates\":2,\"missing\":130,\"rejectedByReason\":{\"wrong_length\":1,\"malformed_json\":4}},"
            + "\"measurements\":1000,\"workerAlive\":true,\"estimateAgeSeconds\":0.4,\"rate\":250.2,\"error\":1.5e-3,"
            + "\"estimate\":{\"array\":\"cov32\",\"d\":32,\"rank\":3,\"residual\":2.25e-4},\"truth\":null},"
            + "{\"id\":\"corr64\",\"kind\":\"entry\",\"d\":64,\"counters\":{\"received\":0,\"accepted\":0,\"rejected\":0,"
            + "\"duplicates\":0,\"rejectedByReason\":{}},\"measurements\":0,\"workerAlive\":false,"
            + "\"estimateAgeSeconds\":null,\"rate\":null,\"error\":null,\"estimate\":null,\"truth\":null}]}";

    private HttpServer server;
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/api/arrays", ex -> {
            authorization.set(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body = STATE.getBytes(StandardCharsets.UTF_8);
            boolean ok = authorization.get() == null || authorization.get().equals("Bearer good-token-0123456789");
            ex.sendResponseHeaders(ok ? 200 : 401, ok ? body.length : -1);
            if (ok) {
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void printsOneLinePerArrayWithCountsRankResidualAgeAndRejects() {
        // corr64 stands for a runtime older than the missing counter: "-" there.
        Result r = Cli.run("status", "--url", url() + "/");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("runtime gw at " + url() + ": MQTT connected (tcp://127.0.0.1:1883, 2 reconnects)"),
                lines[0]);
        assertTrue(lines[1].startsWith("array"), lines[1]);
        assertTrue(lines[2].matches("cov32 +rank-one +32 +1000 +5 +2 +130 +3 +2\\.25e-04 +1\\.50e-03 +250 +0\\.4s"
                + "  malformed_json 4, wrong_length 1"), lines[2]);
        assertTrue(lines[3].matches("corr64 +entry +64 +0 +0 +0 +- +- +- +- +- +- STOPPED  -"), lines[3]);
        assertEquals(4, lines.length);
    }

    @Test
    void sendsTheTokenAndSaysSoWhenItIsRefused() {
        assertEquals(0, Cli.run("status", "--url", url(), "--token", "good-token-0123456789").exit());
        assertEquals("Bearer good-token-0123456789", authorization.get());
        Result refused = Cli.run("status", "--url", url(), "--token", "bad");
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("401 unauthorized; give --token"), refused.err());
    }

    @Test
    void anUnreachableRuntimeIsARuntimeFailureAndABadUrlIsBadUsage() throws Exception {
        Result down = Cli.run("status", "--url", "http://127.0.0.1:" + EmbeddedBroker.freePort());
        assertEquals(1, down.exit());
        assertTrue(down.err().startsWith("error: cannot reach http://127.0.0.1:"), down.err());
        assertEquals(2, Cli.run("status", "--url", "ftp://x").exit());
    }

    @Test
    void aClusterMemberIsNamedWithItsGroupAndTheArraysItOwns() throws Exception {
        String member = "{\"runtime\":\"solver1\",\"time\":\"2026-01-01T00:00:00Z\",\"mqtt\":{\"broker\":\"none\","
                + "\"connected\":false,\"reconnects\":0},\"source\":{\"kafka\":\"127.0.0.1:9092\",\"group\":\"sensor-recovery\","
                + "\"assignments\":2},\"arrays\":[{\"id\":\"cov32\",\"owner\":\"solver1\",\"kind\":\"rank-one\",\"d\":32,"
                + "\"counters\":{\"accepted\":450,\"rejected\":0,\"duplicates\":3},\"estimate\":null}]}";
        java.io.StringWriter text = new java.io.StringWriter();
        StatusCommand.print(new java.io.PrintWriter(text), "http://m:8081",
                org.sensorrecovery.http.JsonTree.parse(member.getBytes(StandardCharsets.UTF_8)));
        String out = text.toString();
        assertTrue(out.startsWith("member solver1 at http://m:8081: group sensor-recovery on Kafka 127.0.0.1:9092,"
                + " 2 assignments, owns 1 arrays"), out);
        assertTrue(out.contains("cov32") && out.contains("450"), out);
    }
}
