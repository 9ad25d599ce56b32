package org.sensorrecovery.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.wire.ArrayShape;
import org.sensorrecovery.wire.DecodeResult;
import org.sensorrecovery.wire.MeasurementCodec;
import org.sensorrecovery.wire.WireLimits;

/** Each reason the codec words lands in its bucket: the label set of the rejected counter stays fixed. */
class RejectReasonTest {

    private static final MeasurementCodec RANK_ONE = new MeasurementCodec(ArrayShape.square(Kind.RANK_ONE, 3),
            new WireLimits(4096, 2));
    private static final MeasurementCodec ENTRY = new MeasurementCodec(ArrayShape.square(Kind.ENTRY, 4), WireLimits.DEFAULT);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cut-off JSON         | r | {\"seq\":1,\"a\":[1,2,3],\"y\":                  | MALFORMED_JSON",
        "not an object        | r | 42                                             | MALFORMED_JSON",
        "batch of numbers     | r | [1]                                            | MALFORMED_JSON",
        "short a              | r | {\"seq\":2,\"a\":[1,2],\"y\":1}                | WRONG_LENGTH",
        "NaN y                | r | {\"seq\":3,\"a\":[1,2,3],\"y\":NaN}            | NOT_FINITE",
        "Infinity in a        | r | {\"seq\":3,\"a\":[1,Infinity,3],\"y\":1}       | NOT_FINITE",
        "unknown field        | r | {\"seq\":4,\"a\":[1,2,3],\"y\":1,\"z\":0}      | UNKNOWN_FIELD",
        "field of another kind| r | {\"seq\":4,\"i\":1,\"y\":1}                    | UNKNOWN_FIELD",
        "no a                 | r | {\"seq\":5,\"y\":1}                            | MISSING_FIELD",
        "no seq               | r | {\"a\":[1,2,3],\"y\":1}                        | MISSING_FIELD",
        "negative seq         | r | {\"seq\":-1,\"a\":[1,2,3],\"y\":1}             | OUT_OF_RANGE",
        "string y             | r | {\"seq\":6,\"a\":[1,2,3],\"y\":\"1\"}          | WRONG_TYPE",
        "index out of range   | e | {\"seq\":7,\"i\":4,\"j\":0,\"y\":1}            | OUT_OF_RANGE",
        "batch too long       | r | [{},{},{}]                                     | BATCH_TOO_LONG",
        "empty batch          | r | []                                             | OTHER",
        "duplicate field      | r | {\"seq\":1,\"seq\":2,\"a\":[1,2,3],\"y\":1}    | OTHER",
    })
    void eachCodecReasonHasItsBucket(String name, String codec, String json, RejectReason expected) {
        DecodeResult r = (codec.equals("r") ? RANK_ONE : ENTRY).decode(json.trim().getBytes(StandardCharsets.UTF_8));
        assertEquals(1, r.rejected().size(), name);
        assertEquals(expected, RejectReason.classify(r.rejected().get(0).reason()), r.rejected().get(0).reason());
    }

    @org.junit.jupiter.api.Test
    void messageLimitsAndIngestReasonsHaveTheirBuckets() {
        DecodeResult big = RANK_ONE.decode(new byte[5000]);
        assertEquals(RejectReason.TOO_LARGE, RejectReason.classify(big.rejected().get(0).reason()));
        assertEquals(RejectReason.DUPLICATE_SEQ_TOO_OLD, RejectReason.classify(
                "seq: 3 is more than 1024 behind the device's latest; cannot tell it from a redelivery"));
        assertEquals(RejectReason.JOURNAL_FULL, RejectReason.classify("not journaled: journal /x: only 3 bytes free"));
        assertEquals(RejectReason.OTHER, RejectReason.classify(null));
        assertEquals("duplicate_seq_too_old", RejectReason.DUPLICATE_SEQ_TOO_OLD.label());
    }
}
