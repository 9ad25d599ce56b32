package org.sensorrecovery.ingest;

import java.util.Locale;

/**
 * A small fixed set of buckets for rejection reasons, so that metrics labels stay bounded: the
 * reason text (which names the field and the value) goes to the rejected topic, the bucket to
 * the counters.
 */
public enum RejectReason {
    MALFORMED_JSON,
    WRONG_LENGTH,
    WRONG_TYPE,
    NOT_FINITE,
    UNKNOWN_FIELD,
    MISSING_FIELD,
    OUT_OF_RANGE,
    TOO_LARGE,
    BATCH_TOO_LONG,
    DUPLICATE_SEQ_TOO_OLD,
    JOURNAL_FULL,
    OTHER;

    private static final RejectReason[] ALL = values();

    /** The metrics label value, e.g. malformed_json. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RejectReason ofOrdinal(int i) {
        return ALL[i];
    }

    /**
     * The bucket of a reason as the codec and ingest word it ("field: problem", or a message-level
     * text such as "malformed JSON: ..."). MeasurementCodecTest pins each codec reason to its bucket.
     */
    public static RejectReason classify(String reason) {
        if (reason == null) {
            return OTHER;
        }
        if (reason.startsWith("malformed") || reason.contains("is not a JSON object")) {
            return MALFORMED_JSON;
        }
        if (reason.startsWith("message too large")) {
            return TOO_LARGE;
        }
        if (reason.startsWith("batch too long")) {
            return BATCH_TOO_LONG;
        }
        if (reason.startsWith("not journaled")) {
            return JOURNAL_FULL;
        }
        if (reason.contains("behind the device's latest")) {
            return DUPLICATE_SEQ_TOO_OLD;
        }
        int colon = reason.indexOf(": ");
        String problem = colon < 0 ? reason : reason.substring(colon + 2);
        if (problem.startsWith("unknown field") || problem.startsWith("not a field of")) {
            return UNKNOWN_FIELD;
        }
        if (problem.startsWith("missing")) {
            return MISSING_FIELD;
        }
        if (problem.startsWith("expected ") && problem.contains(" numbers, got ")) {
            return WRONG_LENGTH;
        }
        if (problem.contains("finite")) {
            return NOT_FINITE;
        }
        if (problem.contains("out of range") || problem.startsWith("must be in [")) {
            return OUT_OF_RANGE;
        }
        if (problem.startsWith("must be") || problem.contains("is not a number")) {
            return WRONG_TYPE;
        }
        return OTHER;
    }
}
