package org.sensorrecovery.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A JSON document as maps, lists, strings, numbers (Long or Double), booleans and nulls: enough
 * for the clients of the HTTP API (the status command, tests) without an object mapper.
 */
public final class JsonTree {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonTree() {
    }

    /**
     * Parses one JSON document.
     *
     * @throws IOException when it is not JSON
     */
    public static Object parse(byte[] json) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IOException("empty document");
            }
            return value(p, t);
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(value(p, n));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + t + " at " + p.currentLocation());
        }
    }

    /** The value at a path of keys (strings) and indexes (integers), or null where it is missing. */
    public static Object at(Object root, Object... path) {
        Object cur = root;
        for (Object k : path) {
            if (k instanceof String key && cur instanceof Map<?, ?> m) {
                cur = m.get(key);
            } else if (k instanceof Integer i && cur instanceof List<?> l && i >= 0 && i < l.size()) {
                cur = l.get(i);
            } else {
                return null;
            }
        }
        return cur;
    }

    /** A number at a path as a double, NaN where missing or null. */
    public static double number(Object root, Object... path) {
        return at(root, path) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
