package org.sensorrecovery.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A file replaced atomically: write a temporary sibling, fsync it, rename it over the target,
 * fsync the directory. A crash leaves either the old or the new content, never a mix; a CRC-32
 * trailer detects a torn or corrupted file on read.
 */
public final class AtomicFile {

    private final Path path;
    private final Path temp;

    public AtomicFile(Path path) {
        this.path = path;
        this.temp = path.resolveSibling(path.getFileName() + ".tmp");
    }

    public Path path() {
        return path;
    }

    /** Replaces the content. */
    public void write(byte[] content) throws IOException {
        Files.createDirectories(path.getParent());
        CRC32 crc = new CRC32();
        crc.update(content);
        ByteBuffer trailer = ByteBuffer.allocate(8).putLong(crc.getValue()).flip();
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer body = ByteBuffer.wrap(content);
            while (body.hasRemaining()) {
                ch.write(body);
            }
            while (trailer.hasRemaining()) {
                ch.write(trailer);
            }
            ch.force(true);
        }
        try {
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(path.getParent());
    }

    /**
     * The content, or empty when there is no file yet.
     *
     * @throws IOException when the file exists but is corrupt (its checksum does not match)
     */
    public Optional<byte[]> read() throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (all.length < 8) {
            throw new IOException(path + ": corrupt (" + all.length + " bytes, shorter than its checksum)");
        }
        byte[] content = java.util.Arrays.copyOf(all, all.length - 8);
        CRC32 crc = new CRC32();
        crc.update(content);
        long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new IOException(path + ": corrupt (checksum mismatch)");
        }
        return Optional.of(content);
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems cannot open directories; the rename is still atomic there.
        }
    }
}
