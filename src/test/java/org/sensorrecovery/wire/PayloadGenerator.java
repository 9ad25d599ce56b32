package org.sensorrecovery.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;

/** Random measurement messages, mostly valid, some with faults a device could send, and corruptions of them. */
final class PayloadGenerator {

    private static final String[] DEVICES = {"", "s1", "gw-7/dev_3", "d\u00e9v", "\u6e2c\u5b9a", "\ud83d\ude00x"};
    private static final String[] ESCAPED_DEVICES = {"\"q\\\"uote\"", "\"back\\\\slash\"", "\"\\u00e9\\u6E2C\"",
        "\"\\ud83d\\ude00\"", "\"lone \\ud800\"", "\"\\b\\f\\n\\r\\t\\/\"", "\"\\u0000\""};
    private static final String[] ODD_VALUES = {"null", "true", "false", "\"x\"", "[]", "{}", "[1]", "{\"a\":1}",
        "NaN", "Infinity", "-Infinity", "+INF", "-INF", "+Infinity", "1e999", "-1e999", "-0", "0", "1.5", "1e2",
        "-1", "2147483648", "9223372036854775808", "18446744073709551616", "[[[[[[[[1]]]]]]]]"};
    private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "\\", "-", "0", "1", ".", "e", "+",
        " ", "\n", "NaN", "nul", "true", "1e999", "\"a\":", "\"seq\":1,", ",{}", "\u00e9", "\\u12", "\ufeff"};

    private PayloadGenerator() {
    }

    /** A valid measurement of the shape with awkward but finite values. */
    static DecodedMeasurement measurement(Random rnd, ArrayShape shape) {
        String device = DEVICES[rnd.nextInt(DEVICES.length)];
        long seq = rnd.nextBoolean() ? rnd.nextInt(1000) : rnd.nextLong() & Long.MAX_VALUE;
        double y = value(rnd);
        Measurement m = switch (shape.kind()) {
            case RANK_ONE -> new Measurement.RankOne(values(rnd, shape.rows()), y);
            case BILINEAR -> new Measurement.Bilinear(values(rnd, shape.rows()), values(rnd, shape.cols()), y);
            case DENSE -> new Measurement.Dense(values(rnd, shape.rows() * shape.cols()), y);
            case ENTRY -> new Measurement.Entry(rnd.nextInt(shape.rows()), rnd.nextInt(shape.cols()), y);
            case GAUSSIAN -> new Measurement.Gaussian(rnd.nextLong(), y);
        };
        return new DecodedMeasurement(device, seq, m);
    }

    private static double[] values(Random rnd, int n) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = value(rnd);
        }
        return v;
    }

    private static double value(Random rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> -0.0;
            case 1 -> Double.MIN_VALUE * (1 + rnd.nextInt(1000));
            case 2 -> rnd.nextInt(100) - 50;
            case 3 -> {
                double x = Double.longBitsToDouble(rnd.nextLong());
                yield Double.isFinite(x) ? x : 1.0;
            }
            default -> rnd.nextGaussian();
        };
    }

    /** A message written by hand: one object or a batch, random spacing and number forms, occasional faults. */
    static byte[] payload(Random rnd, ArrayShape shape) {
        StringBuilder s = new StringBuilder();
        boolean batch = rnd.nextInt(3) != 0;
        int n = batch ? rnd.nextInt(7) : 1;
        space(rnd, s);
        if (batch) {
            s.append('[');
        }
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                s.append(',');
            }
            space(rnd, s);
            if (batch && rnd.nextInt(25) == 0) {
                s.append(ODD_VALUES[rnd.nextInt(ODD_VALUES.length)]);
            } else {
                element(rnd, shape, s);
            }
            space(rnd, s);
        }
        if (batch) {
            s.append(']');
        }
        space(rnd, s);
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void element(Random rnd, ArrayShape shape, StringBuilder s) {
        List<String[]> fields = new ArrayList<>();
        boolean faulty = rnd.nextInt(4) == 0;
        if (rnd.nextInt(4) != 0) {
            fields.add(new String[] {"device", rnd.nextInt(4) == 0 ? ESCAPED_DEVICES[rnd.nextInt(ESCAPED_DEVICES.length)]
                    : quote(DEVICES[rnd.nextInt(DEVICES.length)])});
        }
        fields.add(new String[] {"seq", Long.toString(rnd.nextBoolean() ? rnd.nextInt(100) : rnd.nextLong() & Long.MAX_VALUE)});
        fields.add(new String[] {"y", number(rnd, value(rnd))});
        Kind kind = shape.kind();
        switch (kind) {
            case RANK_ONE -> fields.add(new String[] {"a", vector(rnd, shape.rows())});
            case BILINEAR -> {
                fields.add(new String[] {"a", vector(rnd, shape.rows())});
                fields.add(new String[] {"b", vector(rnd, shape.cols())});
            }
            case DENSE -> fields.add(new String[] {"A", vector(rnd, shape.rows() * shape.cols())});
            case ENTRY -> {
                fields.add(new String[] {"i", Integer.toString(rnd.nextInt(shape.rows()))});
                fields.add(new String[] {"j", Integer.toString(rnd.nextInt(shape.cols()))});
            }
            case GAUSSIAN -> fields.add(new String[] {"seed", Long.toUnsignedString(rnd.nextLong())});
        }
        if (faulty) {
            fault(rnd, shape, fields);
        }
        Collections.shuffle(fields, rnd);
        s.append('{');
        for (int k = 0; k < fields.size(); k++) {
            if (k > 0) {
                s.append(',');
            }
            space(rnd, s);
            String name = fields.get(k)[0];
            s.append(rnd.nextInt(30) == 0 ? quote(name).replace("e", "\\u0065") : quote(name));
            space(rnd, s);
            s.append(':');
            space(rnd, s);
            s.append(fields.get(k)[1]);
            space(rnd, s);
        }
        s.append('}');
    }

    private static void fault(Random rnd, ArrayShape shape, List<String[]> fields) {
        String[] names = {"device", "seq", "y", "a", "b", "A", "i", "j", "seed", "z", "Y"};
        switch (rnd.nextInt(4)) {
            case 0 -> fields.remove(rnd.nextInt(fields.size()));
            case 1 -> fields.get(rnd.nextInt(fields.size()))[1] = ODD_VALUES[rnd.nextInt(ODD_VALUES.length)];
            case 2 -> fields.add(new String[] {names[rnd.nextInt(names.length)], ODD_VALUES[rnd.nextInt(ODD_VALUES.length)]});
            default -> {
                for (String[] f : fields) {
                    if (f[1].startsWith("[")) {
                        int n = shape.rows() + rnd.nextInt(3) - 1;
                        f[1] = rnd.nextBoolean() ? vector(rnd, n)
                                : f[1].replaceFirst(",", "," + ODD_VALUES[rnd.nextInt(ODD_VALUES.length)] + ",");
                    }
                }
            }
        }
    }

    private static String vector(Random rnd, int n) {
        StringBuilder s = new StringBuilder("[");
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                s.append(',');
            }
            space(rnd, s);
            s.append(number(rnd, value(rnd)));
            space(rnd, s);
        }
        return s.append(']').toString();
    }

    /** x in one of the forms a device's JSON library might print it. */
    static String number(Random rnd, double x) {
        switch (rnd.nextInt(6)) {
            case 0:
                return String.format("%." + rnd.nextInt(20) + "e", x).replace("e+0", "e+").replace("e-0", "e-");
            case 1:
                return x == Math.rint(x) && Math.abs(x) < 1e18 ? Long.toString((long) x) : Double.toString(x);
            case 2:
                return Double.toString(x).replace("E", rnd.nextBoolean() ? "e" : "E+");
            case 3:
                return new java.math.BigDecimal(x).round(new java.math.MathContext(1 + rnd.nextInt(25))).toString();
            default:
                return Double.toString(x);
        }
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static void space(Random rnd, StringBuilder s) {
        if (rnd.nextInt(4) == 0) {
            s.append(new String[] {" ", "\n", "\t", "\r\n", "  "}[rnd.nextInt(5)]);
        }
    }

    /** One to three random edits: byte flips, truncation, insertions of bytes or JSON-ish tokens, deletions. */
    static byte[] corrupt(Random rnd, byte[] payload) {
        byte[] p = payload;
        for (int edits = 1 + rnd.nextInt(3); edits > 0; edits--) {
            int at = p.length == 0 ? 0 : rnd.nextInt(p.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            switch (rnd.nextInt(5)) {
                case 0 -> {
                    p = p.clone();
                    if (p.length > 0) {
                        p[at] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : p[at] ^ (1 << rnd.nextInt(8)));
                    }
                }
                case 1 -> p = java.util.Arrays.copyOf(p, at);
                case 2 -> {
                    out.write(p, 0, at);
                    out.writeBytes(TOKENS[rnd.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
                    out.write(p, at, p.length - at);
                    p = out.toByteArray();
                }
                case 3 -> {
                    int len = Math.min(p.length - at, 1 + rnd.nextInt(4));
                    out.write(p, 0, at);
                    out.write(p, at + len, p.length - at - len);
                    p = out.toByteArray();
                }
                default -> {
                    out.write(p, 0, at);
                    out.write((byte) rnd.nextInt(256));
                    out.write(p, at, p.length - at);
                    p = out.toByteArray();
                }
            }
        }
        return p;
    }
}
