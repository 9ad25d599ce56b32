package org.sensorrecovery.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space of the file system holding a directory; a seam so tests can simulate a full disk. */
@FunctionalInterface
public interface SpaceProbe {

    /** Usable bytes, or -1 when it cannot be told. */
    long usableBytes();

    /** The real file store of dir. */
    static SpaceProbe of(Path dir) {
        return () -> {
            try {
                return Files.getFileStore(dir).getUsableSpace();
            } catch (IOException e) {
                return -1;
            }
        };
    }
}
