package org.sensorrecovery.journal;

import java.util.Locale;

import net.openhft.chronicle.bytes.SyncMode;

/**
 * When a journaled measurement counts as durable, and so when it may be acknowledged (config
 * {@code journal.sync}). What each survives:
 * <ul>
 * <li>{@link #NONE}: the excerpt is in the page cache once appended: survives a crash of the
 * process (kill -9, OOM, JVM crash), not of the kernel or the power (the kernel writes it back
 * within its dirty-page expiry, 30 s by default).</li>
 * <li>{@link #BATCH}: group commit: acknowledgements wait for a periodic msync that covers them;
 * survives a power cut too, and costs one msync per interval, not per message.</li>
 * <li>{@link #ALWAYS}: msync after every message before its acknowledgement.</li>
 * </ul>
 */
public enum JournalSync {
    NONE, BATCH, ALWAYS;

    /** Chronicle's mode for the mapped files: msync only where we ask for durability. */
    SyncMode chronicleMode() {
        return this == NONE ? SyncMode.NONE : SyncMode.SYNC;
    }

    /** The config key's value. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a config value.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static JournalSync parse(String s) {
        for (JournalSync v : values()) {
            if (v.key().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("expected none, batch or always, got " + s);
    }
}
