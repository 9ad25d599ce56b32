package org.eclipse.paho.client.mqttv3.internal.wire;

import java.io.IOException;
import java.io.InputStream;

/**
 * Replaces Paho 1.2.5's class of the same name (this copy comes first on the class path and in the
 * shaded jar). Paho's version overrides only the single-byte read(), so every bulk read of an
 * incoming message's payload went byte by byte through a synchronized ByteArrayInputStream.read():
 * it capped large-message throughput at about 25 MB/s here. Same public API, plus the bulk read.
 * Paho's mqttv3 line is no longer released, so the fix lives here; drop this file if it ever is.
 */
public class CountingInputStream extends InputStream {

    private final InputStream in;
    private int counter;

    public CountingInputStream(InputStream in) {
        this.in = in;
        this.counter = 0;
    }

    @Override
    public int read() throws IOException {
        int i = in.read();
        if (i != -1) {
            counter++;
        }
        return i;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            counter += n;
        }
        return n;
    }

    public int getCounter() {
        return counter;
    }

    public void resetCounter() {
        counter = 0;
    }
}
