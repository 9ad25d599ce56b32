package org.sensorrecovery.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PredictionCodecTest {

    private final PredictionCodec codec = new PredictionCodec(3);

    @Test
    void readsXAndWritesYAndErrorsAsJson() {
        assertArrayEquals(new double[] {1, -2.5, 3e-3}, codec.decodeInput(" {\"x\": [1, -2.5, 3e-3]} "));
        assertEquals("{\"y\":0.125}", codec.encodeOutput(0.125));
        assertEquals("{\"error\":\"line 4: x: missing\"}", codec.encodeError("line 4: x: missing"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "cut off          | {\"x\": [1, 2,                      | malformed JSON:",
        "not an object    | [1, 2, 3]                           | expected a JSON object {\"x\": [3 numbers]}",
        "too short        | {\"x\": [1, 2]}                     | x: expected 3 numbers, got 2",
        "too long         | {\"x\": [1, 2, 3, 4]}               | x: expected 3 numbers, got 4",
        "NaN              | {\"x\": [1, NaN, 3]}                | x: element 1 is not finite (NaN)",
        "overflow         | {\"x\": [1, 1e999, 3]}              | x: element 1 is not finite",
        "a string         | {\"x\": [1, \"2\", 3]}              | x: element 1 is not a number",
        "not an array     | {\"x\": 5}                          | x: must be an array of 3 numbers",
        "unknown field    | {\"x\": [1, 2, 3], \"id\": 7}       | id: unknown field (expected only x)",
        "a measurement    | {\"a\": [1, 2, 3], \"y\": 1}        | a: unknown field (expected only x)",
        "duplicate        | {\"x\": [1, 2, 3], \"x\": [1, 2, 3]} | x: duplicate field",
        "missing          | {}                                  | x: missing",
        "trailing         | {\"x\": [1, 2, 3]} {}               | malformed JSON: trailing content after the object",
    })
    void aBadLineIsRefusedWithAReasonNamingTheField(String name, String line, String reason) {
        PredictionCodec.InvalidInputException e = assertThrows(PredictionCodec.InvalidInputException.class,
                () -> codec.decodeInput(line));
        assertTrue(e.getMessage().startsWith(reason), name + ": " + e.getMessage());
    }

    @Test
    void anOutputThatOverflowsIsRefused() {
        assertThrows(PredictionCodec.InvalidInputException.class, () -> codec.encodeOutput(Double.POSITIVE_INFINITY));
    }
}
