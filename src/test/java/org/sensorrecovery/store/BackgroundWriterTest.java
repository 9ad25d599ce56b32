package org.sensorrecovery.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundWriterTest {

    @TempDir
    Path dir;

    @Test
    void theLatestContentOfAFileIsWhatEndsOnDisk() throws Exception {
        AtomicFile file = new AtomicFile(dir.resolve("a"));
        try (BackgroundWriter w = new BackgroundWriter("test-writer")) {
            for (int i = 0; i < 100; i++) {
                w.submit(file, new byte[] {(byte) i}, null);
            }
            w.flush();
            assertArrayEquals(new byte[] {99}, file.read().orElseThrow());
        }
    }

    @Test
    void theCallbackRunsOnceTheContentIsDurable() throws Exception {
        AtomicFile file = new AtomicFile(dir.resolve("b"));
        AtomicInteger seenLength = new AtomicInteger(-1);
        try (BackgroundWriter w = new BackgroundWriter("test-writer")) {
            w.submit(file, new byte[] {1, 2, 3}, () -> {
                try {
                    seenLength.set(file.read().orElseThrow().length);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            w.flush();
        }
        assertEquals(3, seenLength.get());
    }

    @Test
    void closeWritesWhatIsQueuedAndRefusesMore() throws Exception {
        AtomicFile file = new AtomicFile(dir.resolve("c"));
        BackgroundWriter w = new BackgroundWriter("test-writer");
        w.submit(file, new byte[] {7}, null);
        w.close();
        assertArrayEquals(new byte[] {7}, file.read().orElseThrow());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.submit(file, new byte[] {8}, null));
        assertTrue(e.getMessage().contains(file.path().toString()), e.getMessage());
    }

    @Test
    void aFailedWriteIsReportedAndTheOthersStillGetWritten() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
        AtomicFile bad = new AtomicFile(blocker.resolve("inside"));
        AtomicFile good = new AtomicFile(dir.resolve("d"));
        java.util.concurrent.atomic.AtomicBoolean ranAfterFailure = new java.util.concurrent.atomic.AtomicBoolean();
        try (BackgroundWriter w = new BackgroundWriter("test-writer")) {
            w.submit(bad, new byte[] {1}, () -> ranAfterFailure.set(true));
            w.submit(good, new byte[] {2}, null);
            w.flush();
        }
        assertArrayEquals(new byte[] {2}, good.read().orElseThrow());
        assertTrue(!ranAfterFailure.get(), "the callback of a failed write must not run");
    }
}
