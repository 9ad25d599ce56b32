package org.sensorrecovery.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void readsBackWhatWasWrittenLast() throws IOException {
        AtomicFile f = new AtomicFile(dir.resolve("a/state.bin"));
        assertTrue(f.read().isEmpty());
        f.write(new byte[] {1, 2, 3});
        f.write(new byte[] {4, 5});
        assertArrayEquals(new byte[] {4, 5}, f.read().orElseThrow());
        assertFalse(Files.exists(dir.resolve("a/state.bin.tmp")));
    }

    @Test
    void aCorruptedFileIsReportedNotReturned() throws IOException {
        AtomicFile f = new AtomicFile(dir.resolve("state.bin"));
        f.write(new byte[] {9, 9, 9, 9});
        byte[] raw = Files.readAllBytes(f.path());
        raw[1] ^= 1;
        Files.write(f.path(), raw);
        IOException e = assertThrows(IOException.class, f::read);
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }
}
