package org.sensorrecovery.config;

import java.util.Set;

/** Reads uplink.kafka and source.kafka, reporting the first problem with its place. */
final class KafkaConfigReader {

    private static final Set<String> UPLINK = Set.of("bootstrap", "topic", "localSolver");
    private static final Set<String> SOURCE = Set.of("bootstrap", "group", "topic");

    private final YamlFields yaml;

    KafkaConfigReader(YamlFields yaml) {
        this.yaml = yaml;
    }

    /** uplink.kafka, or null when the config has no uplink. */
    KafkaConfig.Uplink uplink(YamlNode uplink) throws ConfigException {
        YamlNode k = kafka(uplink, "uplink", UPLINK);
        if (k == null) {
            return null;
        }
        YamlNode local = k.fields.get("localSolver");
        String on = yaml.text(local, "true");
        if (!on.equals("true") && !on.equals("false")) {
            throw yaml.error(local, "uplink.kafka.localSolver", "must be true or false, got " + on);
        }
        try {
            return new KafkaConfig.Uplink(yaml.text(k.fields.get("bootstrap"), null),
                    yaml.text(k.fields.get("topic"), KafkaConfig.MEASUREMENTS), Boolean.parseBoolean(on));
        } catch (IllegalArgumentException e) {
            throw error(k, "uplink.kafka.", e);
        }
    }

    /** source.kafka, or null when the runtime reads MQTT. */
    KafkaConfig.Source source(YamlNode source) throws ConfigException {
        YamlNode k = kafka(source, "source", SOURCE);
        if (k == null) {
            return null;
        }
        try {
            return new KafkaConfig.Source(yaml.text(k.fields.get("bootstrap"), null),
                    yaml.text(k.fields.get("group"), KafkaConfig.GROUP),
                    yaml.text(k.fields.get("topic"), KafkaConfig.MEASUREMENTS));
        } catch (IllegalArgumentException e) {
            throw error(k, "source.kafka.", e);
        }
    }

    private YamlNode kafka(YamlNode parent, String name, Set<String> allowed) throws ConfigException {
        if (parent == null || parent.scalar == null && !parent.isMap() && !parent.isList()) {
            return null;
        }
        if (!parent.isMap()) {
            throw yaml.error(parent, name, "must be a mapping with kafka");
        }
        yaml.known(parent, Set.of("kafka"));
        YamlNode k = parent.fields.get("kafka");
        if (k == null || !k.isMap()) {
            throw yaml.error(k == null ? parent : k, name + ".kafka", "must be a mapping with " + new java.util.TreeSet<>(allowed));
        }
        yaml.known(k, allowed);
        return k;
    }

    /** A record's "field: problem" as file:line:col: prefix.field: problem. */
    private ConfigException error(YamlNode k, String prefix, IllegalArgumentException e) {
        String message = e.getMessage();
        int colon = Math.max(0, message.indexOf(':'));
        String field = message.substring(0, colon);
        return yaml.error(k.fields.getOrDefault(field, k), prefix + field, message.substring(Math.min(message.length(), colon + 2)));
    }
}
