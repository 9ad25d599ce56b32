package org.sensorrecovery.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final StringWriter text = new StringWriter();
    private final PrintWriter err = new PrintWriter(text, true);
    private long now = 1_000_000_000L;

    @Test
    void withoutATerminalItPrintsAPlainLineEveryFiveSeconds() {
        Progress p = new Progress(err, "simulate x", 1000, false, () -> now);
        for (int i = 1; i <= 120; i++) {
            now += 100_000_000L;
            p.update(i * 5L);
        }
        p.done(600);
        String[] lines = text.toString().split("\n");
        assertEquals(3, lines.length, text.toString());
        assertEquals("simulate x: 250/1000 (25%)  50/s  5 s", lines[0]);
        assertEquals("simulate x: 600/1000 (60%)  50/s  12 s", lines[2]);
        assertFalse(text.toString().contains("\r"));
    }

    @Test
    void inATerminalItRedrawsOneBarLineAndEndsIt() {
        Progress p = new Progress(err, "replay", 100, true, () -> now);
        now += 500_000_000L;
        p.update(50);
        now += 500_000_000L;
        p.update(100);
        p.done(100);
        String out = text.toString();
        assertTrue(out.startsWith("\rreplay [###############...............] 50/100 (50%)  100/s"), out);
        assertEquals(1, out.chars().filter(c -> c == '\n').count(), "one line in the end: " + out);
        assertTrue(out.endsWith("] 100/100 (100%)  100/s  \n"), out);
    }

    @Test
    void aLineOfItsOwnClearsTheBarFirst() {
        Progress p = new Progress(err, "replay", 0, true, () -> now);
        now += 500_000_000L;
        p.update(7);
        p.println("chunk 1");
        assertTrue(text.toString().endsWith("\r\033[Kchunk 1\n"), text.toString());
    }
}
