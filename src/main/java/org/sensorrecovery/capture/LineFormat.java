package org.sensorrecovery.capture;

/** The two text forms a capture is exported to and imported from. */
public enum LineFormat {
    /** {@link CsvFormat}: a header, then a row per measurement with its arrival time. */
    CSV("csv"),
    /** The wire contract's JSON, one message a line, no arrival times. */
    NDJSON("ndjson");

    private final String key;

    LineFormat(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /**
     * @throws IllegalArgumentException when key is neither csv nor ndjson
     */
    public static LineFormat fromKey(String key) {
        for (LineFormat f : values()) {
            if (f.key.equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("expected csv or ndjson, got " + key);
    }
}
