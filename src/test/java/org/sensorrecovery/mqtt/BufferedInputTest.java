package org.sensorrecovery.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class BufferedInputTest {

    /** A socket stream that hands out the given chunks, one per read, or a timeout where a chunk is null. */
    private static final class Chunks extends InputStream {
        private final Deque<byte[]> chunks = new ArrayDeque<>();
        private final Deque<Boolean> timeouts = new ArrayDeque<>();
        int reads;
        int availableCalls;

        Chunks add(byte... chunk) {
            chunks.add(chunk);
            timeouts.add(false);
            return this;
        }

        Chunks timeout() {
            chunks.add(new byte[0]);
            timeouts.add(true);
            return this;
        }

        @Override
        public int read() {
            throw new AssertionError("the buffer must read in bulk");
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            reads++;
            if (chunks.isEmpty()) {
                return -1;
            }
            byte[] c = chunks.peek();
            if (timeouts.peek()) {
                chunks.poll();
                timeouts.poll();
                throw new SocketTimeoutException("Read timed out");
            }
            int n = Math.min(len, c.length);
            System.arraycopy(c, 0, b, off, n);
            chunks.poll();
            timeouts.poll();
            if (n < c.length) {
                byte[] rest = new byte[c.length - n];
                System.arraycopy(c, n, rest, 0, rest.length);
                chunks.push(rest);
                timeouts.push(false);
            }
            return n;
        }

        @Override
        public int available() {
            availableCalls++;
            return 0;
        }
    }

    @Test
    void manySmallReadsAreServedFromOneReadOfTheSocket() throws IOException {
        Chunks socket = new Chunks().add(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        BufferedSocketFactory.BufferedInput in = new BufferedSocketFactory.BufferedInput(socket, 64);
        assertEquals(1, in.read());
        assertEquals(7, in.available());
        byte[] b = new byte[3];
        assertEquals(3, in.read(b, 0, 3));
        assertArrayEquals(new byte[] {2, 3, 4}, b);
        assertEquals(5, in.read());
        assertEquals(1, socket.reads);
        assertEquals(0, socket.availableCalls, "available() is answered from the buffer while it holds bytes");
    }

    @Test
    void aTimeoutLeavesNothingHalfReadAndTheNextReadContinuesTheStream() throws IOException {
        Chunks socket = new Chunks().add((byte) 10, (byte) 11).timeout().add((byte) 12, (byte) -1);
        BufferedSocketFactory.BufferedInput in = new BufferedSocketFactory.BufferedInput(socket, 64);
        assertEquals(10, in.read());
        assertEquals(11, in.read());
        assertThrows(SocketTimeoutException.class, in::read);
        assertEquals(0, in.available(), "an empty buffer asks the socket");
        assertEquals(1, socket.availableCalls);
        assertEquals(12, in.read());
        assertEquals(255, in.read(), "bytes are returned unsigned");
        assertEquals(-1, in.read());
    }

    @Test
    void readsLargerThanTheBufferGoStraightToTheCallersArray() throws IOException {
        byte[] big = new byte[1000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        Chunks socket = new Chunks().add((byte) 7).add(big);
        BufferedSocketFactory.BufferedInput in = new BufferedSocketFactory.BufferedInput(socket, 64);
        assertEquals(7, in.read());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[big.length];
        int n;
        while (out.size() < big.length && (n = in.read(b, 0, big.length - out.size())) > 0) {
            out.write(b, 0, n);
        }
        assertArrayEquals(big, out.toByteArray());
        assertEquals(2, socket.reads, "one read for the small chunk, one straight into the caller's array");
        assertEquals(0, in.read(b, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> in.read(b, 999, 2));
    }
}
