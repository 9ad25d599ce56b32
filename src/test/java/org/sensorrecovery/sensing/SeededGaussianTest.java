package org.sensorrecovery.sensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A(seed) must match the reference values computed by an independent implementation
 * (src/test/resources/contract/seeded-gaussian.json, a copy of the contract's fixture).
 */
class SeededGaussianTest {

    record Case(String seed, int d, List<String> first3, double[] a) {
    }

    @Test
    void splitMixOutputsMatchTheReferenceBitForBit() throws IOException {
        for (Case c : cases()) {
            long s = Long.parseUnsignedLong(c.seed());
            for (String expected : c.first3()) {
                s += SeededGaussian.GAMMA;
                assertEquals(expected, Long.toUnsignedString(SeededGaussian.mix(s)), "seed " + c.seed());
            }
        }
    }

    @Test
    void sensingMatricesMatchTheReferenceToRoundingOfTheMathLibrary() throws IOException {
        List<Case> cases = cases();
        assertEquals(5, cases.size());
        for (Case c : cases) {
            double[] a = new double[c.d() * c.d()];
            SeededGaussian.fill(Long.parseUnsignedLong(c.seed()), c.d(), a);
            for (int i = 0; i < a.length; i++) {
                // log/cos/sin may differ in the last bit between math libraries: relative 1e-12.
                double tol = 1e-12 * Math.max(1.0, Math.abs(c.a()[i]));
                assertEquals(c.a()[i], a[i], tol, "seed " + c.seed() + " element " + i);
            }
        }
    }

    @Test
    void sensingMatrixIsSymmetric() {
        double[] a = new double[7 * 7];
        SeededGaussian.fill(99L, 7, a);
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                assertEquals(a[i * 7 + j], a[j * 7 + i]);
            }
        }
        assertTrue(a[0] != 0.0);
    }

    private static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = SeededGaussianTest.class.getResourceAsStream("/contract/seeded-gaussian.json");
             JsonParser p = new JsonFactory().createParser(in)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && "cases".equals(p.currentName())) {
                    p.nextToken();
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        out.add(readCase(p));
                    }
                }
            }
        }
        return out;
    }

    private static Case readCase(JsonParser p) throws IOException {
        String seed = null;
        int d = 0;
        List<String> first = new ArrayList<>();
        List<Double> a = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "seed" -> seed = p.getText();
                case "d" -> d = p.getIntValue();
                case "splitmix64_first3" -> {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        first.add(p.getText());
                    }
                }
                case "A" -> {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            a.add(p.getDoubleValue());
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new Case(seed, d, first, a.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
