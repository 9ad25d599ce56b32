package org.sensorrecovery.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;

class MeasurementCodecTest {

    private final MeasurementCodec rankOne = new MeasurementCodec(ArrayShape.square(Kind.RANK_ONE, 3), WireLimits.DEFAULT);
    private final MeasurementCodec entry = new MeasurementCodec(ArrayShape.square(Kind.ENTRY, 4), WireLimits.DEFAULT);
    private final MeasurementCodec gaussian = new MeasurementCodec(ArrayShape.square(Kind.GAUSSIAN, 4), WireLimits.DEFAULT);

    private static DecodeResult decode(MeasurementCodec c, String json) {
        return c.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesASingleRankOneObject() {
        DecodeResult r = decode(rankOne, "{\"device\":\"s1\",\"seq\":7,\"a\":[1,2.5,-3],\"y\":0.25}");
        assertEquals(List.of(), r.rejected());
        DecodedMeasurement m = r.accepted().get(0);
        assertEquals("s1", m.device());
        assertEquals(7, m.seq());
        Measurement.RankOne ro = (Measurement.RankOne) m.measurement();
        assertArrayEquals(new double[] {1, 2.5, -3}, ro.a());
        assertEquals(0.25, ro.y());
    }

    @Test
    void deviceDefaultsToTheEmptyString() {
        assertEquals("", decode(entry, "{\"seq\":1,\"i\":0,\"j\":3,\"y\":1}").accepted().get(0).device());
    }

    @Test
    void aBatchWithOneBadElementKeepsTheValidOnes() {
        DecodeResult r = decode(entry, "[{\"seq\":1,\"i\":0,\"j\":1,\"y\":1},"
                + "{\"seq\":2,\"i\":9,\"j\":1,\"y\":1},"
                + "{\"seq\":3,\"i\":2,\"j\":2,\"y\":-1}]");
        assertEquals(2, r.accepted().size());
        assertEquals(3, r.accepted().get(1).seq());
        assertEquals(1, r.rejected().size());
        Rejection bad = r.rejected().get(0);
        assertEquals("i: index 9 out of range [0, 4)", bad.reason());
        assertEquals(1, bad.index());
        assertEquals(2L, bad.seq());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "wrong dimension | {\"seq\":1,\"a\":[1,2],\"y\":1} | a: expected 3 numbers, got 2",
        "NaN value | {\"seq\":1,\"a\":[1,2,3],\"y\":NaN} | y: must be a finite number, got NaN",
        "infinite element | {\"seq\":1,\"a\":[1,1e999,3],\"y\":1} | a: element 1 is not finite (1e999)",
        "string element | {\"seq\":1,\"a\":[1,\"x\",3],\"y\":1} | a: element 1 is not a number",
        "unknown field | {\"seq\":1,\"a\":[1,2,3],\"y\":1,\"z\":2} | z: unknown field",
        "field of another kind | {\"seq\":1,\"a\":[1,2,3],\"i\":0,\"y\":1} | i: not a field of rank-one measurements",
        "missing field | {\"seq\":1,\"y\":1} | a: missing for a rank-one measurement",
        "missing y | {\"seq\":1,\"a\":[1,2,3]} | y: missing",
        "missing seq | {\"a\":[1,2,3],\"y\":1} | seq: missing",
        "negative seq | {\"seq\":-4,\"a\":[1,2,3],\"y\":1} | seq: must be in [0, 2^63), got -4",
        "fractional seq | {\"seq\":1.5,\"a\":[1,2,3],\"y\":1} | seq: must be an integer",
        "device not a string | {\"device\":5,\"seq\":1,\"a\":[1,2,3],\"y\":1} | device: must be a string",
        "duplicate field | {\"seq\":1,\"a\":[1,2,3],\"y\":1,\"y\":2} | y: duplicate field",
    })
    void refusesWithASpecificReason(String name, String json, String reason) {
        DecodeResult r = decode(rankOne, json);
        assertEquals(0, r.accepted().size(), name);
        assertEquals(reason, r.rejected().get(0).reason(), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Infinity y | {\"seq\":1,\"a\":[1,2,3],\"y\":-Infinity} | y: must be a finite number, got -Infinity",
        "+INF element | {\"seq\":1,\"a\":[1,+INF,3],\"y\":1} | a: element 1 is not finite (+INF)",
        "huge integer y | {\"seq\":1,\"a\":[1,2,3],\"y\":1e400} | y: must be a finite number, got 1e400",
        "seq beyond a long | {\"seq\":9223372036854775808,\"a\":[1,2,3],\"y\":1} | seq: must be in [0, 2^63), got 9223372036854775808",
        "seq in exponent form | {\"seq\":1e2,\"a\":[1,2,3],\"y\":1} | seq: must be an integer",
        "nested element | {\"seq\":1,\"a\":[1,[2],3],\"y\":1} | a: element 1 is not a number",
        "a not an array | {\"seq\":1,\"a\":{\"x\":1},\"y\":1} | a: must be an array of 3 numbers",
        "escaped unknown name | {\"seq\":1,\"a\":[1,2,3],\"y\":1,\"\u00e9\":0} | \u00e9: unknown field",
        "escaped duplicate | {\"seq\":1,\"s\u0065q\":2,\"a\":[1,2,3],\"y\":1} | seq: duplicate field",
    })
    void refusesTheFinerCasesWithTheSameReasonsAsBefore(String name, String json, String reason) {
        DecodeResult r = decode(rankOne, json);
        assertEquals(List.of(), r.accepted(), name);
        assertEquals(reason, r.rejected().get(0).reason(), name);
    }

    @Test
    void refusesWhatIsNotJsonAsMalformed() {
        String tail = "\"seq\":1,\"a\":[1,2,3],\"y\":1";
        String[] notJson = {
            "{\"seq\":1,\"a\":[01,2,3],\"y\":1}", "{\"seq\":1,\"a\":[+1,2,3],\"y\":1}", "{\"seq\":1,\"a\":[.5,2,3],\"y\":1}",
            "{\"seq\":1,\"a\":[1.,2,3],\"y\":1}", "{\"seq\":1,\"a\":[1,2,3,],\"y\":1}", "{'seq':1,\"a\":[1,2,3],\"y\":1}",
            "{" + tail + "} x", "{" + tail + "}{}", "{" + tail + ",}", "{" + tail + "} /* c */",
            "{\"device\":\"\\x\"," + tail + "}", "{\"device\":\"\\u12\"," + tail + "}", "{\"device\":\"\t\"," + tail + "}",
            "[{" + tail + ",\"z\":[[[[[[[1]]]]]]]}]", "{\"seq\":1,\"a\":[1,2,3],\"y\":" + "1".repeat(401) + "}",
            "{" + tail + ",\"y\":nul}", "{" + tail + "}\u000b",
        };
        for (String json : notJson) {
            DecodeResult r = decode(rankOne, json);
            // As before, what was decoded before the fault stays accepted (trailing content after a valid object).
            assertTrue(r.rejected().get(r.rejected().size() - 1).reason().startsWith("malformed JSON"),
                    json + ": " + r.rejected());
        }
    }

    @Test
    void readsEscapesSurrogatePairsAndWhitespaceWhereverJsonAllowsThem() {
        String json = " \r\n\t[ { \"d\\u0065vice\" :\t\"a\\\"b\\\\c\\/\\u00e9\\ud83d\\ude00\u6e2c\" , \"seq\" : 0 ,\n"
                + " \"a\" : [ 1 , -0.0 , 2.5E-3 ] , \"y\" : -0 } ] \n";
        DecodeResult r = decode(rankOne, json);
        assertEquals(List.of(), r.rejected());
        DecodedMeasurement m = r.accepted().get(0);
        assertEquals("a\"b\\c/\u00e9\ud83d\ude00\u6e2c", m.device());
        assertArrayEquals(new double[] {1, -0.0, 2.5e-3}, ((Measurement.RankOne) m.measurement()).a());
        // -0 reads as -0.0, as Double.parseDouble reads it (Jackson made it 0.0; a^T X a is the same).
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(m.measurement().y()));
    }

    @Test
    void readsPayloadsWithAByteOrderMarkOrInUtf16AsBefore() {
        String json = "{\"device\":\"\u00e9\",\"seq\":1,\"a\":[1,2,3],\"y\":1}";
        byte[] bom = ("\ufeff" + json).getBytes(StandardCharsets.UTF_8);
        assertEquals("\u00e9", rankOne.decode(bom).accepted().get(0).device());
        assertEquals("\u00e9", rankOne.decode(json.getBytes(StandardCharsets.UTF_16BE)).accepted().get(0).device());
        assertEquals("\u00e9", rankOne.decode(json.getBytes(StandardCharsets.UTF_16LE)).accepted().get(0).device());
    }

    @Test
    void malformedJsonIsRefusedWithItsPosition() {
        DecodeResult r = decode(rankOne, "{\"seq\":1,\"a\":[1,2,3],\"y\":");
        assertEquals(0, r.accepted().size());
        assertTrue(r.rejected().get(0).reason().startsWith("malformed JSON"), r.rejected().get(0).reason());
        assertTrue(r.rejected().get(0).reason().contains("column"));
    }

    @Test
    void oversizedMessagesAreRefusedBeforeParsing() {
        MeasurementCodec small = new MeasurementCodec(ArrayShape.square(Kind.RANK_ONE, 3), new WireLimits(64, 10));
        DecodeResult r = small.decode(new byte[65]);
        assertEquals("message too large: 65 bytes, limit 64", r.rejected().get(0).reason());
    }

    @Test
    void batchesLongerThanTheLimitAreRefusedWhole() {
        MeasurementCodec c = new MeasurementCodec(ArrayShape.square(Kind.ENTRY, 4), new WireLimits(1 << 16, 2));
        DecodeResult r = decode(c, "[{\"seq\":1,\"i\":0,\"j\":1,\"y\":1},{\"seq\":2,\"i\":0,\"j\":1,\"y\":1},"
                + "{\"seq\":3,\"i\":0,\"j\":1,\"y\":1}]");
        assertEquals(0, r.accepted().size());
        assertEquals("batch too long: more than 2 measurements", r.rejected().get(0).reason());
    }

    @Test
    void seedsUpToTwoToTheSixtyFourRoundTrip() {
        String max = "18446744073709551615";
        DecodeResult r = decode(gaussian, "{\"seq\":0,\"seed\":" + max + ",\"y\":1}");
        Measurement.Gaussian g = (Measurement.Gaussian) r.accepted().get(0).measurement();
        assertEquals(max, Long.toUnsignedString(g.seed()));
        byte[] again = MeasurementEncoder.encode(r.accepted().get(0));
        assertTrue(new String(again, StandardCharsets.UTF_8).contains(max));
        assertEquals("seed: must be in [0, 2^64), got 18446744073709551616",
                decode(gaussian, "{\"seq\":0,\"seed\":18446744073709551616,\"y\":1}").rejected().get(0).reason());
    }

    @Test
    void aRefusedHugeSeqDoesNotLeakIntoTheNextElementsValues() {
        // Jackson 2.18.2, which decoded before, gave y = 2^63 here (a stale BigInteger after getNumberType()).
        DecodeResult r = decode(rankOne, "[{\"seq\":9223372036854775808,\"a\":[1,2,3],\"y\":1},"
                + "{\"seq\":2,\"y\":-0.5,\"a\":[1,2,3]}]");
        assertEquals("seq: must be in [0, 2^63), got 9223372036854775808", r.rejected().get(0).reason());
        assertEquals(-0.5, r.accepted().get(0).measurement().y());
    }

    @Test
    void encodeThenDecodeGivesBackTheSameValuesBitForBit() {
        Random rnd = new Random(3);
        DecodedMeasurement m = new DecodedMeasurement("dev-\u00e9", Long.MAX_VALUE,
                new Measurement.RankOne(new double[] {rnd.nextGaussian(), Double.MIN_VALUE, -0.0}, Math.PI));
        DecodedMeasurement back = rankOne.decode(MeasurementEncoder.encode(m)).accepted().get(0);
        assertEquals(m.device(), back.device());
        assertEquals(m.seq(), back.seq());
        assertArrayEquals(((Measurement.RankOne) m.measurement()).a(), ((Measurement.RankOne) back.measurement()).a());
        assertEquals(Math.PI, back.measurement().y());
    }

    @Test
    void neverThrowsOnArbitraryBytesOrTruncatedMessages() {
        Random rnd = new Random(99);
        byte[] valid = "[{\"device\":\"d\",\"seq\":1,\"a\":[1,2,3],\"y\":1},{\"seq\":2,\"a\":[1,2,3],\"y\":1}]"
                .getBytes(StandardCharsets.UTF_8);
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] input;
            if (trial % 2 == 0) {
                input = java.util.Arrays.copyOf(valid, rnd.nextInt(valid.length + 1));
            } else {
                input = valid.clone();
                for (int k = 0; k < 3; k++) {
                    input[rnd.nextInt(input.length)] = (byte) rnd.nextInt(256);
                }
            }
            DecodeResult r = rankOne.decode(input);
            assertTrue(r.accepted().size() + r.rejected().size() >= 1);
        }
    }
}
