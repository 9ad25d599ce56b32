package org.sensorrecovery.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every number the decoder reads is bit-identical to Double.parseDouble of the same text. */
class JsonNumberTest {

    private static double parse(String text) {
        JsonInput in = new JsonInput(text.getBytes(StandardCharsets.US_ASCII), 0);
        double v = in.readNumber().doubleValue();
        assertEquals(text.length(), in.pos, text);
        return v;
    }

    private static void assertSameAsJava(String text) {
        double expected = Double.parseDouble(text);
        double got = parse(text);
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got),
                () -> text + ": expected " + expected + ", got " + got);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0", "-0", "0.0", "-0.0", "0e0", "-0E-5", "0.000e999", "1", "-1", "1.5", "1e5", "1E5", "1e+5", "1e-5",
        "9007199254740992", "9007199254740993", "9007199254740995", "18446744073709551615", "18446744073709551616",
        "9999999999999999999", "10000000000000000000", "99999999999999999999999", "123456789012345678901234567890",
        "0.1", "0.2", "0.3", "3.141592653589793", "2.718281828459045", "1.7976931348623157e308",
        "1.7976931348623158e308", "1.7976931348623159e308", "1.797693134862315807e308", "1e308", "1e309", "-1e309",
        "2.2250738585072014e-308", "2.2250738585072011e-308", "2.2250738585072012e-308", "2.225073858507201136e-308",
        "4.9e-324", "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
        "2.47032822920623272e-324", "1e-323", "1e-324", "1e-400", "1e-99999999999", "1e99999999999",
        "7.2057594037927933e16", "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124",
        "1.00000000000000011102230246251565404236316680908203126",
        "0.000000000000000000000000000000000000000000001", "123.456e-2", "-123.456E+2", "5e-1", "5E-0",
        "4503599627370496.5", "4503599627370497.5", "9007199254740993.0000000000000001",
        "2.9802322387695312500000000000000000000000000000001e-8", "1448997445238699", "3.0540412e5",
        "8.41e21", "8.41e22", "8.41e23", "1e22", "1e23", "9.5e-5", "7.3177701707893310e+15",
    })
    void edgeCasesAgreeWithDoubleParseDouble(String text) {
        assertSameAsJava(text);
    }

    @Test
    void randomDoublesInEveryPrintedFormAgree() {
        Random rnd = new Random(20240601);
        for (int trial = 0; trial < 100_000; trial++) {
            double x = switch (trial % 4) {
                case 0 -> Double.longBitsToDouble(rnd.nextLong()); // every exponent, subnormals included
                case 1 -> rnd.nextGaussian();
                case 2 -> Double.longBitsToDouble(rnd.nextLong() & 0x000F_FFFF_FFFF_FFFFL); // subnormal
                default -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
            };
            if (!Double.isFinite(x)) {
                continue;
            }
            for (String text : forms(x, rnd)) {
                assertSameAsJava(text);
            }
        }
    }

    /** x as Java prints it, with 1 to 25 significant digits, and in plain notation when short enough. */
    private static List<String> forms(double x, Random rnd) {
        List<String> out = new ArrayList<>();
        out.add(Double.toString(x).replace("E", rnd.nextBoolean() ? "e" : "E"));
        out.add(String.format("%." + rnd.nextInt(25) + "e", x));
        BigDecimal exact = new BigDecimal(x);
        if (Math.abs(exact.scale()) < 350 && exact.precision() < 350) {
            out.add(exact.toPlainString());
        }
        return out;
    }

    @Test
    void halfwayPointsBetweenNeighboursAndTheirNearNeighboursAgree() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 50_000; trial++) {
            int exponent = rnd.nextInt(2 * 330) - 330;
            double x = Math.abs(rnd.nextDouble() * Math.pow(10, exponent));
            if (!(x > 0) || x == Double.MAX_VALUE || Double.isInfinite(x)) {
                continue;
            }
            BigDecimal mid = new BigDecimal(x).add(new BigDecimal(Math.nextUp(x))).divide(BigDecimal.valueOf(2));
            String exact = mid.toString();
            if (mid.precision() > 390) {
                continue; // longer than the wire's 400-digit limit with its exponent
            }
            assertSameAsJava(exact);
            String below = mid.subtract(mid.ulp()).toString();
            assertSameAsJava(below);
            assertSameAsJava(mid.add(mid.ulp()).toString());
            assertSameAsJava(mid.round(new java.math.MathContext(17 + rnd.nextInt(4))).toString());
        }
    }

    @Test
    void randomDigitStringsOfAnyLengthAndExponentAgree() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 100_000; trial++) {
            StringBuilder s = new StringBuilder();
            if (rnd.nextBoolean()) {
                s.append('-');
            }
            int intDigits = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(40) : 1 + rnd.nextInt(3);
            s.append(intDigits == 1 ? (char) ('0' + rnd.nextInt(10)) : (char) ('1' + rnd.nextInt(9)));
            for (int k = 1; k < intDigits; k++) {
                s.append((char) ('0' + rnd.nextInt(10)));
            }
            if (rnd.nextBoolean()) {
                s.append('.');
                int frac = 1 + rnd.nextInt(rnd.nextInt(5) == 0 ? 60 : 20);
                for (int k = 0; k < frac; k++) {
                    s.append(rnd.nextInt(3) == 0 ? '0' : (char) ('0' + rnd.nextInt(10)));
                }
            }
            if (rnd.nextBoolean()) {
                s.append(rnd.nextBoolean() ? 'e' : 'E');
                int pick = rnd.nextInt(3);
                s.append(pick == 0 ? "" : pick == 1 ? "+" : "-");
                s.append(rnd.nextInt(rnd.nextBoolean() ? 30 : 400));
            }
            assertSameAsJava(s.toString());
        }
    }

    @Test
    void longDigitStringsUpToTheLimitAgree() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 2_000; trial++) {
            StringBuilder s = new StringBuilder("0.");
            int zeros = rnd.nextInt(330);
            s.append("0".repeat(zeros));
            int n = 1 + rnd.nextInt(JsonNumber.MAX_DIGITS - zeros - 1);
            s.append((char) ('1' + rnd.nextInt(9)));
            for (int k = 1; k < n; k++) {
                s.append((char) ('0' + rnd.nextInt(10)));
            }
            assertSameAsJava(s.toString());
            assertSameAsJava(s.substring(2 + zeros) + "e-" + rnd.nextInt(700));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "-01", "00", "+1", ".5", "-.5", "1.", "1.e5", "1e", "1e+", "-", "+", "-x", "--1",
        "NaNa", "Infinit", "INF", "-NaN", "+NaN", "-Inf", "1ee5"})
    void refusesWhatJsonRefuses(String text) {
        JsonInput in = new JsonInput(text.getBytes(StandardCharsets.US_ASCII), 0);
        try {
            in.readNumber();
            // A valid prefix: the rest is left for the caller, which refuses it (e.g. "1ee5" stops at "1").
            assertEquals(true, in.pos < text.length(), text + " read whole");
        } catch (JsonInput.Malformed expected) {
            // refused here
        }
    }

    @Test
    void numbersLongerThanTheLimitAreRefused() {
        assertEquals(1.0 / 9 * 10, parse("1." + "1".repeat(JsonNumber.MAX_DIGITS - 1)), 1e-15);
        JsonInput in = new JsonInput(("1." + "1".repeat(JsonNumber.MAX_DIGITS)).getBytes(StandardCharsets.US_ASCII), 0);
        assertThrows(JsonInput.Malformed.class, in::readNumber);
    }

    @Test
    void integerViewsKeepTheirRanges() {
        JsonInput in = new JsonInput("-9223372036854775808".getBytes(StandardCharsets.US_ASCII), 0);
        assertEquals(Long.MIN_VALUE, in.readNumber().longValue(0));
        in = new JsonInput("9223372036854775808".getBytes(StandardCharsets.US_ASCII), 0);
        assertEquals(-7, in.readNumber().longValue(-7));
        in = new JsonInput("18446744073709551615".getBytes(StandardCharsets.US_ASCII), 0);
        JsonNumber n = in.readNumber();
        assertEquals(true, n.fitsUnsigned64());
        assertEquals(-1L, n.unsignedValue());
        in = new JsonInput("18446744073709551616".getBytes(StandardCharsets.US_ASCII), 0);
        assertEquals(false, in.readNumber().fitsUnsigned64());
        in = new JsonInput("-2147483648".getBytes(StandardCharsets.US_ASCII), 0);
        assertEquals(true, in.readNumber().fitsInt());
        in = new JsonInput("2147483648".getBytes(StandardCharsets.US_ASCII), 0);
        assertEquals(false, in.readNumber().fitsInt());
    }
}
