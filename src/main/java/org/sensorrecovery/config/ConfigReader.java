package org.sensorrecovery.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.sensorrecovery.journal.JournalSync;
import org.sensorrecovery.mqtt.MqttProtocol;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.solver.Loss;
import org.sensorrecovery.solver.Method;
import org.sensorrecovery.wire.WireLimits;

/** Walks a parsed YAML tree into a {@link GatewayConfig}, reporting the first problem with its place. */
final class ConfigReader {

    private static final Set<String> TOP = Set.of("runtimeId", "broker", "embeddedBroker", "dataDir", "topicPrefix",
            "publishInterval", "limits", "journal", "arrays", "http", "uplink", "source");
    private static final Set<String> HTTP = Set.of("enabled", "bind", "port", "token", "username", "password");
    private static final Set<String> BROKER = Set.of("url", "clientId", "username", "password", "tls", "protocol");
    private static final Set<String> TLS = Set.of("trustStore", "trustStorePassword", "keyStore", "keyStorePassword");
    private static final Set<String> ARRAY = Set.of("id", "kind", "d", "rows", "cols", "rankBound", "window", "loss", "solver");
    private static final Set<String> SOLVER = Set.of("method", "alpha", "tolerance", "iterationsPerRefine", "holdout");

    private final YamlFields yaml;

    ConfigReader(String file) {
        this.yaml = new YamlFields(file);
    }

    GatewayConfig read(YamlNode root) throws ConfigException {
        if (!root.isMap()) {
            throw yaml.error(root, "(document)", "must be a mapping of settings");
        }
        yaml.known(root, TOP);
        YamlNode b = root.fields.get("broker");
        GatewayConfig.BrokerConfig broker = b == null || b.scalar == null && !b.isMap() ? null : broker(b);
        YamlNode eb = root.fields.get("embeddedBroker");
        int port = eb == null ? 1883 : yaml.integer(mapField(eb, "port", Set.of("port")), 0, 65535, 1883);
        Path dataDir = Path.of(yaml.text(root.fields.get("dataDir"), "./data"));
        String prefix = yaml.text(root.fields.get("topicPrefix"), "sensors");
        if (!prefix.matches("[A-Za-z0-9_/-]{1,128}") || prefix.startsWith("/") || prefix.endsWith("/")) {
            throw yaml.error(root.fields.get("topicPrefix"), "topicPrefix", "must be topic levels of [A-Za-z0-9_-], got " + prefix);
        }
        Duration interval = duration(root.fields.get("publishInterval"), Duration.ofSeconds(1));
        YamlNode lim = root.fields.get("limits");
        Set<String> limitKeys = Set.of("maxMessageBytes", "maxBatch");
        WireLimits limits = new WireLimits(
                yaml.integer(mapField(lim, "maxMessageBytes", limitKeys), 64, 64 << 20, WireLimits.DEFAULT.maxMessageBytes()),
                yaml.integer(mapField(lim, "maxBatch", limitKeys), 1, 1_000_000, WireLimits.DEFAULT.maxBatch()));
        YamlNode j = root.fields.get("journal");
        Set<String> journalKeys = Set.of("retainCycles", "reserveMegabytes", "sync");
        int retain = yaml.integer(mapField(j, "retainCycles", journalKeys), 1, 100_000, 48);
        long reserve = yaml.integer(mapField(j, "reserveMegabytes", journalKeys), 0, 1 << 20, 64) * (1L << 20);
        JournalSync sync = journalSync(mapField(j, "sync", journalKeys));
        List<ArrayConfig> arrays = arrays(root.fields.get("arrays"));
        String runtimeId = yaml.text(root.fields.get("runtimeId"), "gateway");
        if (!ArrayConfig.ID.matcher(runtimeId).matches()) {
            throw yaml.error(root.fields.get("runtimeId"), "runtimeId", "must match [A-Za-z0-9_-]{1,64}, got " + runtimeId);
        }
        KafkaConfigReader kafka = new KafkaConfigReader(yaml);
        KafkaConfig.Uplink uplink = kafka.uplink(root.fields.get("uplink"));
        KafkaConfig.Source source = kafka.source(root.fields.get("source"));
        if (uplink != null && source != null) {
            throw yaml.error(root.fields.get("source"), "source", "a runtime either forwards (uplink) or reads Kafka (source), not both");
        }
        return new GatewayConfig(runtimeId, broker, port, dataDir, prefix, interval, limits, retain, reserve, arrays,
                http(root.fields.get("http")), sync, uplink, source);
    }

    private JournalSync journalSync(YamlNode n) throws ConfigException {
        String v = yaml.text(n, GatewayConfig.DEFAULT_SYNC.key());
        try {
            return JournalSync.parse(v);
        } catch (IllegalArgumentException e) {
            throw yaml.error(n, "journal.sync", e.getMessage());
        }
    }

    private HttpConfig http(YamlNode h) throws ConfigException {
        if (h == null || h.scalar == null && !h.isMap() && !h.isList()) {
            return HttpConfig.DEFAULT;
        }
        if (!h.isMap()) {
            throw yaml.error(h, "http", "must be a mapping with " + new java.util.TreeSet<>(HTTP));
        }
        yaml.known(h, HTTP);
        HttpConfig d = HttpConfig.DEFAULT;
        YamlNode enabled = h.fields.get("enabled");
        String on = yaml.text(enabled, "true");
        if (!on.equals("true") && !on.equals("false")) {
            throw yaml.error(enabled, "http.enabled", "must be true or false, got " + on);
        }
        try {
            return new HttpConfig(Boolean.parseBoolean(on), yaml.text(h.fields.get("bind"), d.bind()),
                    yaml.integer(h.fields.get("port"), 0, 65535, d.port()), yaml.text(h.fields.get("token"), null),
                    yaml.text(h.fields.get("username"), null), yaml.text(h.fields.get("password"), null));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            String field = message.substring(0, Math.max(0, message.indexOf(':')));
            throw yaml.error(h.fields.getOrDefault(field, h), "http." + field, message.substring(Math.min(message.length(),
                    field.length() + 2)));
        }
    }

    private GatewayConfig.BrokerConfig broker(YamlNode b) throws ConfigException {
        if (!b.isMap()) {
            throw yaml.error(b, "broker", "must be a mapping with url, clientId, username, password, tls, protocol");
        }
        yaml.known(b, BROKER);
        YamlNode url = b.fields.get("url");
        String u = yaml.text(url, null);
        if (u == null || !(u.startsWith("tcp://") || u.startsWith("ssl://"))) {
            throw yaml.error(url == null ? b : url, "broker.url", "expected tcp://host:port or ssl://host:port, got " + u);
        }
        YamlNode tls = b.fields.get("tls");
        if (tls != null) {
            if (!tls.isMap()) {
                throw yaml.error(tls, "broker.tls", "must be a mapping with " + TLS);
            }
            yaml.known(tls, TLS);
        }
        String trust = tls == null ? null : yaml.text(tls.fields.get("trustStore"), null);
        String key = tls == null ? null : yaml.text(tls.fields.get("keyStore"), null);
        return new GatewayConfig.BrokerConfig(u, yaml.text(b.fields.get("clientId"), null), yaml.text(b.fields.get("username"), null),
                yaml.text(b.fields.get("password"), null), trust == null ? null : Path.of(trust),
                tls == null ? null : yaml.text(tls.fields.get("trustStorePassword"), null), key == null ? null : Path.of(key),
                tls == null ? null : yaml.text(tls.fields.get("keyStorePassword"), null), protocol(b.fields.get("protocol")));
    }

    private MqttProtocol protocol(YamlNode n) throws ConfigException {
        String v = yaml.text(n, GatewayConfig.BrokerConfig.DEFAULT_PROTOCOL.key());
        try {
            return MqttProtocol.parse(v);
        } catch (IllegalArgumentException e) {
            throw yaml.error(n, "broker.protocol", e.getMessage());
        }
    }

    private List<ArrayConfig> arrays(YamlNode node) throws ConfigException {
        if (node == null || !node.isList() || node.items.isEmpty()) {
            throw yaml.error(node, "arrays", "must list at least one array");
        }
        List<ArrayConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (YamlNode a : node.items) {
            if (!a.isMap()) {
                throw yaml.error(a, a.path, "must be a mapping with " + ARRAY);
            }
            yaml.known(a, ARRAY);
            ArrayConfig c = array(a);
            if (!ids.add(c.id())) {
                throw yaml.error(a.fields.get("id"), a.path + ".id", "duplicate array id " + c.id());
            }
            out.add(c);
        }
        return out;
    }

    private ArrayConfig array(YamlNode a) throws ConfigException {
        YamlNode kindNode = a.fields.get("kind");
        Kind kind;
        try {
            kind = Kind.fromKey(yaml.text(kindNode, null));
        } catch (IllegalArgumentException e) {
            throw yaml.error(kindNode == null ? a : kindNode, a.path + ".kind", e.getMessage());
        }
        YamlNode s = a.fields.get("solver");
        if (s != null) {
            yaml.known(s, SOLVER);
        }
        YamlNode rb = a.fields.get("rankBound");
        int rankBound = rb == null || rb.scalar == null || "none".equals(rb.scalar) ? 0 : yaml.integer(rb, 1, 4096, 0);
        Method method;
        YamlNode m = s == null ? null : s.fields.get("method");
        try {
            method = Method.fromKey(yaml.text(m, "precond"));
        } catch (IllegalArgumentException e) {
            throw yaml.error(m, a.path + ".solver.method", e.getMessage());
        }
        Loss loss;
        YamlNode l = a.fields.get("loss");
        try {
            loss = Loss.fromKey(yaml.text(l, "l2"));
        } catch (IllegalArgumentException e) {
            throw yaml.error(l, a.path + ".loss", e.getMessage());
        }
        int[] shape = shape(a, kind);
        try {
            return new ArrayConfig(yaml.text(a.fields.get("id"), null), kind, shape[0], shape[1], shape[2], rankBound,
                    yaml.integer(a.fields.get("window"), 1, 10_000_000, 4096), method,
                    yaml.number(s == null ? null : s.fields.get("alpha"), 1e-3),
                    yaml.number(s == null ? null : s.fields.get("tolerance"), 1e-10),
                    yaml.integer(s == null ? null : s.fields.get("iterationsPerRefine"), 1, 1_000_000, 50), loss,
                    yaml.number(s == null ? null : s.fields.get("holdout"), ArrayConfig.DEFAULT_HOLDOUT));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int colon = Math.max(0, message.indexOf(':'));
            String field = message.substring(0, colon).replace("solver.", "");
            boolean solverField = SOLVER.contains(field);
            YamlNode at = solverField ? (s == null ? a : s.fields.getOrDefault(field, s)) : a.fields.getOrDefault(field, a);
            throw yaml.error(at, a.path + (solverField ? ".solver." : ".") + field, message.substring(Math.min(message.length(), colon + 2)));
        }
    }

    /**
     * {d, rows, cols}: d for a symmetric array, rows and cols for a rectangular one (given rows or
     * cols, or a bilinear kind without d).
     */
    private int[] shape(YamlNode a, Kind kind) throws ConfigException {
        YamlNode dNode = a.fields.get("d");
        YamlNode rowsNode = a.fields.get("rows");
        YamlNode colsNode = a.fields.get("cols");
        int max = ArrayConfig.MAX_DIMENSION;
        if (rowsNode == null && colsNode == null && (dNode != null || kind.symmetric())) {
            if (dNode == null) {
                throw yaml.error(a, a.path + ".d", "missing");
            }
            return new int[] {yaml.integer(dNode, 1, max, 0), 0, 0};
        }
        if (dNode != null) {
            throw yaml.error(dNode, a.path + ".d", "give d (a symmetric array) or rows and cols (a rectangular one), not both");
        }
        for (String field : new String[] {"rows", "cols"}) {
            if (a.fields.get(field) == null) {
                throw yaml.error(a, a.path + "." + field, "missing: a rectangular array needs rows and cols");
            }
        }
        return new int[] {0, yaml.integer(rowsNode, 1, max, 0), yaml.integer(colsNode, 1, max, 0)};
    }

    private YamlNode mapField(YamlNode map, String name, Set<String> allowed) throws ConfigException {
        if (map == null) {
            return null;
        }
        if (!map.isMap()) {
            throw yaml.error(map, map.path, "must be a mapping");
        }
        yaml.known(map, allowed);
        return map.fields.get(name);
    }

    private Duration duration(YamlNode n, Duration fallback) throws ConfigException {
        String t = yaml.text(n, null);
        if (t == null) {
            return fallback;
        }
        String s = t.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (s.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            } else if (s.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 1000));
            } else if (s.endsWith("m")) {
                d = Duration.ofSeconds(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 60));
            } else {
                throw new NumberFormatException();
            }
            if (d.isNegative() || d.isZero()) {
                throw yaml.error(n, n.path, "must be positive, got " + t);
            }
            return d;
        } catch (NumberFormatException e) {
            throw yaml.error(n, n.path, "must be a duration such as 500ms, 1s or 2m, got " + t);
        }
    }

}
