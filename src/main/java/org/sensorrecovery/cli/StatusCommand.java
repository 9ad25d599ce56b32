package org.sensorrecovery.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.sensorrecovery.http.JsonTree;
import org.sensorrecovery.http.StateClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** One screen about a running runtime, from its /api/arrays. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Prints a one-screen summary of every array of a running runtime (from its /api/arrays).")
final class StatusCommand implements Callable<Integer> {

    static final String TOKEN_ENV = "SENSOR_RECOVERY_HTTP_TOKEN";

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080",
            description = "The runtime's HTTP endpoint (default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--token", description = "Bearer token when the endpoint needs one (default: $" + TOKEN_ENV + ").")
    String token;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI uri;
        try {
            uri = StateClient.arraysUri(url);
        } catch (IllegalArgumentException e) {
            err.println("error: --url: " + e.getMessage() + ", got " + url);
            return Main.BAD_USAGE;
        }
        StateClient.Response r;
        try {
            r = StateClient.get(uri, token != null ? token : System.getenv(TOKEN_ENV));
        } catch (IOException e) {
            err.println("error: cannot reach " + uri + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return Main.RUNTIME_FAILURE;
        }
        if (r.status() == 401) {
            err.println("error: " + uri + ": 401 unauthorized; give --token or set " + TOKEN_ENV);
            return Main.RUNTIME_FAILURE;
        }
        if (r.status() != 200) {
            err.println("error: " + uri + ": HTTP " + r.status());
            return Main.RUNTIME_FAILURE;
        }
        print(out, StateClient.trimSlash(url), r.state());
        out.flush();
        return 0;
    }

    /** d, or rows x cols for a rectangular array. */
    private static String shape(Object a) {
        double rows = JsonTree.number(a, "rows");
        return Double.isFinite(rows) ? (long) rows + "x" + (long) JsonTree.number(a, "cols")
                : Long.toString((long) JsonTree.number(a, "d"));
    }

    static void print(PrintWriter out, String base, Object s) {
        boolean connected = Boolean.TRUE.equals(JsonTree.at(s, "mqtt", "connected"));
        if (JsonTree.at(s, "source") != null) {
            // A cluster member: the arrays below are the ones it owns now.
            out.printf("member %s at %s: group %s on Kafka %s, %d assignments, owns %d arrays, %s%n", JsonTree.at(s, "runtime"),
                    base, JsonTree.at(s, "source", "group"), JsonTree.at(s, "source", "kafka"),
                    (long) JsonTree.number(s, "source", "assignments"),
                    JsonTree.at(s, "arrays") instanceof List<?> owned ? owned.size() : 0, JsonTree.at(s, "time"));
        } else {
            out.printf("runtime %s at %s: MQTT %s (%s, %d reconnects), %s%n", JsonTree.at(s, "runtime"), base,
                    connected ? "connected" : "DISCONNECTED", JsonTree.at(s, "mqtt", "broker"),
                    (long) JsonTree.number(s, "mqtt", "reconnects"), JsonTree.at(s, "time"));
        }
        out.printf("%-16s %-9s %5s %10s %9s %7s %8s %5s %10s %10s %8s %8s  %s%n", "array", "kind", "d", "accepted",
                "rejected", "dupes", "missing", "rank", "residual", "error", "rate/s", "age", "rejects");
        // missing prints "-" for a runtime older than that counter.
        Object arrays = JsonTree.at(s, "arrays");
        if (!(arrays instanceof List<?> list)) {
            return;
        }
        for (Object a : list) {
            out.printf("%-16s %-9s %5s %10d %9d %7d %8s %5s %10s %10s %8s %8s  %s%n", JsonTree.at(a, "id"),
                    JsonTree.at(a, "kind"), shape(a),
                    (long) JsonTree.number(a, "counters", "accepted"), (long) JsonTree.number(a, "counters", "rejected"),
                    (long) JsonTree.number(a, "counters", "duplicates"), whole(JsonTree.number(a, "counters", "missing")),
                    rank(a), exp(JsonTree.number(a, "estimate", "residual")),
                    exp(JsonTree.number(a, "error")), whole(JsonTree.number(a, "rate")),
                    age(JsonTree.number(a, "estimateAgeSeconds")) + (Boolean.FALSE.equals(JsonTree.at(a, "workerAlive"))
                            ? " STOPPED" : ""), rejects(JsonTree.at(a, "counters", "rejectedByReason")));
        }
    }

    private static String rank(Object a) {
        double r = JsonTree.number(a, "estimate", "rank");
        return Double.isNaN(r) ? "-" : Long.toString((long) r);
    }

    private static String exp(double v) {
        return Double.isFinite(v) ? String.format("%.2e", v) : "-";
    }

    private static String whole(double v) {
        return Double.isFinite(v) ? Long.toString(Math.round(v)) : "-";
    }

    private static String age(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "-";
        }
        return seconds < 60 ? String.format("%.1fs", seconds) : String.format("%.1fmin", seconds / 60);
    }

    /** "malformed_json 3, wrong_length 1" (largest first), or "-". */
    private static String rejects(Object byReason) {
        if (!(byReason instanceof Map<?, ?> m) || m.isEmpty()) {
            return "-";
        }
        List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
        entries.sort((x, y) -> Double.compare(((Number) y.getValue()).doubleValue(), ((Number) x.getValue()).doubleValue()));
        List<String> parts = new ArrayList<>();
        for (Map.Entry<?, ?> e : entries) {
            parts.add(e.getKey() + " " + e.getValue());
        }
        return String.join(", ", parts);
    }
}
