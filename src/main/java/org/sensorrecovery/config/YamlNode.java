package org.sensorrecovery.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a small tree that remembers where each value stands (line, column), so that
 * config errors can point at the place. Scalars keep their text. Gateway configs and simulator
 * scenario files both read through it.
 */
public final class YamlNode {

    private static final YAMLFactory YAML = new YAMLFactory();

    final String path;
    final int line;
    final int column;
    final String scalar;
    final Map<String, YamlNode> fields;
    final List<YamlNode> items;

    private YamlNode(String path, JsonLocation at, String scalar, Map<String, YamlNode> fields, List<YamlNode> items) {
        this.path = path;
        this.line = at.getLineNr();
        this.column = at.getColumnNr();
        this.scalar = scalar;
        this.fields = fields;
        this.items = items;
    }

    /** Parses one YAML document. */
    public static YamlNode parse(Reader in) throws IOException {
        try (JsonParser p = YAML.createParser(in)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new YamlNode("", p.currentTokenLocation(), null, Collections.emptyMap(), null);
            }
            return read(p, "");
        }
    }

    private static YamlNode read(JsonParser p, String path) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, YamlNode> fields = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                fields.put(name, read(p, path.isEmpty() ? name : path + "." + name));
            }
            return new YamlNode(path, at, null, fields, null);
        }
        if (t == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(p, path + "[" + i++ + "]"));
            }
            return new YamlNode(path, at, null, null, items);
        }
        return new YamlNode(path, at, t == JsonToken.VALUE_NULL ? null : p.getText(), null, null);
    }

    public boolean isMap() {
        return fields != null;
    }

    public boolean isList() {
        return items != null;
    }

    /** Dotted path of this value from the document root, e.g. {@code arrays[0].d}. */
    public String path() {
        return path;
    }

    /** 1-based line of this value. */
    public int line() {
        return line;
    }

    /** 1-based column of this value. */
    public int column() {
        return column;
    }

    /** The text of a scalar; null for a mapping, a list or an empty value. */
    public String scalar() {
        return scalar;
    }

    /** The fields of a mapping in document order (empty for anything else). Not to be modified. */
    public Map<String, YamlNode> fields() {
        return fields == null ? Collections.emptyMap() : Collections.unmodifiableMap(fields);
    }

    /** The items of a list (empty for anything else). */
    public List<YamlNode> items() {
        return items == null ? Collections.emptyList() : Collections.unmodifiableList(items);
    }
}
