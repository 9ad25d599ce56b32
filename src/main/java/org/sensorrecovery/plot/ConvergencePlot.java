package org.sensorrecovery.plot;

import java.util.List;
import java.util.Locale;

/**
 * A plot a user can keep, written as SVG text directly (no plotting library): on the left the
 * relative residual (and the error against the ground truth when known) against measurements fed,
 * log scale; on the right the final spectrum, bars for the estimate and dots for the truth.
 */
public final class ConvergencePlot {

    private static final int W = 960;
    private static final int H = 380;
    private static final int CURVE_RIGHT = 600;
    private static final int TOP = 48;
    private static final int BOTTOM = 48;

    /**
     * One point of the curve.
     *
     * @param error NaN without a truth
     */
    public record Point(long measurements, double residual, double error) {
    }

    private ConvergencePlot() {
    }

    /**
     * @param eigenvalues the final estimate's, descending
     * @param truthEigenvalues the truth's, descending; null without a truth
     */
    public static String svg(String title, List<Point> curve, double[] eigenvalues, double[] truthEigenvalues) {
        return svg(title, curve, eigenvalues, truthEigenvalues, "eigenvalue");
    }

    /** As {@link #svg(String, List, double[], double[])} with the spectrum's name (singular value for X = U V^T). */
    public static String svg(String title, List<Point> curve, double[] eigenvalues, double[] truthEigenvalues,
                             String valueName) {
        StringBuilder s = new StringBuilder(16 * 1024);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" font-family=\"sans-serif\">\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(s, 16, 26, 16, "start", "#111827", title);
        curve(s, curve, truthEigenvalues != null);
        spectrum(s, eigenvalues, truthEigenvalues, valueName);
        return s.append("</svg>\n").toString();
    }

    private static void curve(StringBuilder s, List<Point> curve, boolean withError) {
        int left = 70;
        int right = CURVE_RIGHT - 10;
        int bottom = H - BOTTOM;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        long maxX = 1;
        for (Point p : curve) {
            for (double v : new double[] {p.residual(), withError ? p.error() : Double.NaN}) {
                if (Double.isFinite(v) && v > 0) {
                    lo = Math.min(lo, Math.floor(Math.log10(v)));
                    hi = Math.max(hi, Math.ceil(Math.log10(v)));
                }
            }
            maxX = Math.max(maxX, p.measurements());
        }
        text(s, left, TOP - 12, 13, "start", "#111827", withError
                ? "relative residual (blue) and error vs truth (red), log scale" : "relative residual, log scale");
        line(s, left, bottom, right, bottom, "#9ca3af");
        line(s, left, TOP, left, bottom, "#9ca3af");
        text(s, (left + right) / 2.0, H - 12, 12, "middle", "#374151", "measurements fed");
        text(s, left, bottom + 16, 11, "middle", "#6b7280", "0");
        text(s, right, bottom + 16, 11, "middle", "#6b7280", Long.toString(maxX));
        if (lo > hi) {
            text(s, (left + right) / 2.0, (TOP + bottom) / 2.0, 13, "middle", "#6b7280", "no finite residuals");
            return;
        }
        if (hi == lo) {
            hi = lo + 1;
        }
        double decades = hi - lo;
        int every = (int) Math.ceil(decades / 8);
        for (double k = lo; k <= hi; k += every) {
            double y = yLog(Math.pow(10, k), lo, hi, bottom);
            line(s, left, y, right, y, "#e5e7eb");
            text(s, left - 6, y + 4, 11, "end", "#6b7280", String.format(Locale.ROOT, "1e%d", (int) k));
        }
        polyline(s, curve, Point::residual, lo, hi, left, right, bottom, maxX, "#2166ac");
        if (withError) {
            polyline(s, curve, Point::error, lo, hi, left, right, bottom, maxX, "#d6604d");
        }
    }

    private interface Value {
        double of(Point p);
    }

    private static void polyline(StringBuilder s, List<Point> curve, Value value, double lo, double hi, int left, int right,
                                 int bottom, long maxX, String colour) {
        StringBuilder pts = new StringBuilder();
        for (Point p : curve) {
            double v = value.of(p);
            if (!Double.isFinite(v) || v <= 0) {
                continue;
            }
            double x = left + (double) p.measurements() / maxX * (right - left);
            pts.append(fmt(x)).append(',').append(fmt(yLog(v, lo, hi, bottom))).append(' ');
        }
        if (pts.length() > 0) {
            s.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                    .append(pts.toString().trim()).append("\"/>\n");
        }
    }

    private static double yLog(double v, double lo, double hi, int bottom) {
        return TOP + (hi - Math.log10(v)) / (hi - lo) * (bottom - TOP);
    }

    private static void spectrum(StringBuilder s, double[] values, double[] truth, String valueName) {
        int left = CURVE_RIGHT + 50;
        int right = W - 16;
        int bottom = H - BOTTOM;
        int n = Math.max(values.length, truth == null ? 0 : truth.length);
        text(s, left, TOP - 12, 13, "start", "#111827", "final spectrum: rank " + values.length
                + (truth == null ? "" : " (truth " + truth.length + ", dots)"));
        line(s, left, bottom, right, bottom, "#9ca3af");
        line(s, left, TOP, left, bottom, "#9ca3af");
        text(s, (left + right) / 2.0, H - 12, 12, "middle", "#374151", valueName + " index");
        if (n == 0) {
            return;
        }
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        if (truth != null) {
            for (double v : truth) {
                max = Math.max(max, v);
            }
        }
        max = max > 0 ? max : 1;
        text(s, left - 6, TOP + 4, 11, "end", "#6b7280", String.format(Locale.ROOT, "%.3g", max));
        text(s, left - 6, bottom + 4, 11, "end", "#6b7280", "0");
        double step = (double) (right - left) / n;
        for (int i = 0; i < values.length; i++) {
            double h = Math.max(1, values[i] / max * (bottom - TOP));
            s.append("<rect x=\"").append(fmt(left + i * step + step * 0.15)).append("\" y=\"").append(fmt(bottom - h))
                    .append("\" width=\"").append(fmt(Math.max(1, step * 0.7))).append("\" height=\"").append(fmt(h))
                    .append("\" fill=\"#4393c3\"/>\n");
        }
        if (truth != null) {
            for (int i = 0; i < truth.length; i++) {
                s.append("<circle cx=\"").append(fmt(left + (i + 0.5) * step)).append("\" cy=\"")
                        .append(fmt(bottom - truth[i] / max * (bottom - TOP))).append("\" r=\"4\" fill=\"#111827\"/>\n");
            }
        }
        int every = (int) Math.ceil(n / 12.0);
        for (int i = 0; i < n; i += every) {
            text(s, left + (i + 0.5) * step, bottom + 16, 11, "middle", "#6b7280", Integer.toString(i + 1));
        }
    }

    private static void line(StringBuilder s, double x1, double y1, double x2, double y2, String colour) {
        s.append("<line x1=\"").append(fmt(x1)).append("\" y1=\"").append(fmt(y1)).append("\" x2=\"").append(fmt(x2))
                .append("\" y2=\"").append(fmt(y2)).append("\" stroke=\"").append(colour).append("\"/>\n");
    }

    private static void text(StringBuilder s, double x, double y, int size, String anchor, String colour, String t) {
        s.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" font-size=\"").append(size)
                .append("\" text-anchor=\"").append(anchor).append("\" fill=\"").append(colour).append("\">")
                .append(escape(t)).append("</text>\n");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** XML text: the title carries a path, which may hold &amp; or &lt;. */
    static String escape(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
