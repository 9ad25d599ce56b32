package org.sensorrecovery.capture;

import java.util.ArrayList;
import java.util.List;

import org.sensorrecovery.journal.JournalRecord;
import org.sensorrecovery.sensing.Kind;
import org.sensorrecovery.sensing.Measurement;

/**
 * Captures as CSV for spreadsheets, MATLAB and pandas: a header, then one measurement per row:
 * arrival_ns, device, seq, y, and the kind's fields (a0..a{d-1}; i, j; seed; A0..A{d*d-1};
 * bilinear a0..a{rows-1}, b0..b{cols-1}).
 * Numbers are written in Java's shortest round-trip form, so a file read back gives the same bits.
 */
public final class CsvFormat {

    private CsvFormat() {
    }

    public static String header(Kind kind, int d) {
        return header(kind, d, d);
    }

    /** The header of an array of rows x cols (d x d for a symmetric kind). */
    public static String header(Kind kind, int rows, int cols) {
        StringBuilder b = new StringBuilder("arrival_ns,device,seq,y");
        switch (kind) {
            case RANK_ONE -> columns(b, "a", rows);
            case ENTRY -> b.append(",i,j");
            case GAUSSIAN -> b.append(",seed");
            case DENSE -> columns(b, "A", rows * cols);
            case BILINEAR -> {
                columns(b, "a", rows);
                columns(b, "b", cols);
            }
        }
        return b.toString();
    }

    /**
     * The kind a header was written for.
     *
     * @throws IllegalArgumentException when it is not a header of this format
     */
    public static Kind kindOf(String header) {
        List<String> f = split(header);
        if (f.size() < 5 || !String.join(",", f.subList(0, 4)).equals("arrival_ns,device,seq,y")) {
            throw new IllegalArgumentException("header: expected arrival_ns,device,seq,y and the kind's columns, got "
                    + (header.length() > 80 ? header.substring(0, 80) + "..." : header));
        }
        return switch (f.get(4)) {
            case "a0" -> f.contains("b0") ? Kind.BILINEAR : Kind.RANK_ONE;
            case "i" -> Kind.ENTRY;
            case "seed" -> Kind.GAUSSIAN;
            case "A0" -> Kind.DENSE;
            default -> throw new IllegalArgumentException("header: no kind has a column " + f.get(4));
        };
    }

    /**
     * d (rows for bilinear) as far as a header tells it: the a or A columns (1 for the other kinds,
     * whose rows do not depend on d).
     */
    public static int dimensionOf(String header) {
        int columns = split(header).size() - 4;
        return switch (kindOf(header)) {
            case RANK_ONE -> columns;
            case DENSE -> (int) Math.round(Math.sqrt(columns));
            case BILINEAR -> (int) split(header).stream().filter(c -> c.matches("a[0-9]+")).count();
            default -> 1;
        };
    }

    /** cols of a bilinear header: its b columns (1 for the other kinds). */
    public static int colsOf(String header) {
        return kindOf(header) == Kind.BILINEAR
                ? (int) split(header).stream().filter(c -> c.matches("b[0-9]+")).count() : dimensionOf(header);
    }

    private static void columns(StringBuilder b, String name, int n) {
        for (int i = 0; i < n; i++) {
            b.append(',').append(name).append(i);
        }
    }

    public static String row(JournalRecord r) {
        StringBuilder b = new StringBuilder(64);
        b.append(r.arrivalNanos()).append(',').append(quote(r.device())).append(',').append(r.seq()).append(',')
                .append(r.measurement().y());
        Measurement m = r.measurement();
        if (m instanceof Measurement.RankOne ro) {
            values(b, ro.a());
        } else if (m instanceof Measurement.Entry e) {
            b.append(',').append(e.i()).append(',').append(e.j());
        } else if (m instanceof Measurement.Gaussian g) {
            b.append(',').append(Long.toUnsignedString(g.seed()));
        } else if (m instanceof Measurement.Dense dense) {
            values(b, dense.a());
        } else if (m instanceof Measurement.Bilinear bl) {
            values(b, bl.a());
            values(b, bl.b());
        }
        return b.toString();
    }

    private static void values(StringBuilder b, double[] v) {
        for (double x : v) {
            b.append(',').append(x);
        }
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * Parses one data row.
     *
     * @throws IllegalArgumentException naming the column that is wrong
     */
    public static JournalRecord parse(String line, Kind kind, int d) {
        return parse(line, kind, d, d);
    }

    /** Parses one data row of an array of rows x cols (d x d for a symmetric kind). */
    public static JournalRecord parse(String line, Kind kind, int rows, int cols) {
        int d = rows;
        List<String> f = split(line);
        int expected = 4 + switch (kind) {
            case RANK_ONE -> d;
            case ENTRY -> 2;
            case GAUSSIAN -> 1;
            case DENSE -> d * d;
            case BILINEAR -> rows + cols;
        };
        if (f.size() != expected) {
            throw new IllegalArgumentException("expected " + expected + " columns, got " + f.size());
        }
        long arrival = parseLong("arrival_ns", f.get(0));
        long seq = parseLong("seq", f.get(2));
        double y = parseDouble("y", f.get(3));
        Measurement m = switch (kind) {
            case RANK_ONE -> new Measurement.RankOne(doubles(f, 4, d, "a"), y);
            case ENTRY -> new Measurement.Entry((int) parseLong("i", f.get(4)), (int) parseLong("j", f.get(5)), y);
            case GAUSSIAN -> {
                try {
                    yield new Measurement.Gaussian(Long.parseUnsignedLong(f.get(4).trim()), y);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("seed: not an unsigned 64-bit integer: " + f.get(4));
                }
            }
            case DENSE -> new Measurement.Dense(doubles(f, 4, d * d, "A"), y);
            case BILINEAR -> new Measurement.Bilinear(doubles(f, 4, rows, "a"), doubles(f, 4 + rows, cols, "b"), y);
        };
        return new JournalRecord(arrival, f.get(1), seq, m);
    }

    private static double[] doubles(List<String> f, int from, int n, String name) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = parseDouble(name + i, f.get(from + i));
        }
        return v;
    }

    private static long parseLong(String column, String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + ": not an integer: " + s);
        }
    }

    private static double parseDouble(String column, String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + ": not a number: " + s);
        }
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
