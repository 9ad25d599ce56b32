package org.sensorrecovery.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

import org.sensorrecovery.replay.OfflineReplay;
import org.sensorrecovery.simulate.ScenarioPublisher;

/**
 * Progress of a long command on stderr: in a terminal one bar line redrawn with \r (count, total,
 * rate) at most ten times a second; otherwise (a pipe, a log, CI) a plain line every few seconds.
 * One owner thread.
 */
final class Progress implements ScenarioPublisher.Progress, OfflineReplay.Progress {

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private final long start;
    private long lastDraw;
    private long lastPlain = -1;
    private boolean barShown;

    /**
     * @param total expected count, or 0 when unknown
     * @param terminal draw a bar (true) or print plain lines
     */
    Progress(PrintWriter err, String label, long total, boolean terminal, LongSupplier nanoClock) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.lastDraw = start;
    }

    /** A bar when stderr is a terminal (System.console() is there), plain lines otherwise. */
    static Progress onStderr(PrintWriter err, String label, long total) {
        return new Progress(err, label, total, System.console() != null, System::nanoTime);
    }

    /** Reports the count so far; draws only when it is time to. */
    @Override
    public void update(long count) {
        long now = nanoClock.getAsLong();
        if (now - lastDraw < (terminal ? REDRAW_NANOS : PLAIN_EVERY_NANOS)) {
            return;
        }
        lastDraw = now;
        if (terminal) {
            err.print("\r" + bar(count, now));
            barShown = true;
        } else {
            err.println(plain(count, now));
            lastPlain = count;
        }
        err.flush();
    }

    /** Prints a line of its own (above the bar in a terminal). */
    @Override
    public void println(String line) {
        if (barShown) {
            err.print("\r\033[K");
            barShown = false;
        }
        err.println(line);
        err.flush();
    }

    /** The final state on a line of its own (unless a plain line just said the same). */
    @Override
    public void done(long count) {
        long now = nanoClock.getAsLong();
        if (terminal) {
            err.print("\r" + bar(count, now));
            err.println();
        } else if (count != lastPlain) {
            err.println(plain(count, now));
        }
        barShown = false;
        err.flush();
    }

    private String bar(long count, long now) {
        StringBuilder b = new StringBuilder(label).append(" [");
        int filled = total > 0 ? (int) Math.min(WIDTH, WIDTH * count / total) : 0;
        for (int i = 0; i < WIDTH; i++) {
            b.append(i < filled ? '#' : total > 0 ? '.' : ' ');
        }
        return b.append("] ").append(counts(count)).append("  ").append(rate(count, now)).append("  ").toString();
    }

    private String plain(long count, long now) {
        return String.format("%s: %s  %s  %.0f s", label, counts(count), rate(count, now), (now - start) / 1e9);
    }

    private String counts(long count) {
        return total > 0 ? String.format("%d/%d (%d%%)", count, total, 100 * count / total) : Long.toString(count);
    }

    private String rate(long count, long now) {
        double seconds = (now - start) / 1e9;
        return String.format("%.0f/s", seconds > 0 ? count / seconds : 0.0);
    }
}
