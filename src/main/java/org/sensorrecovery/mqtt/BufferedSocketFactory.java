package org.sensorrecovery.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Objects;

import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input is buffered. Paho 1.2.5 reads the raw socket stream: per incoming
 * packet it asks available() (an ioctl), reads the first byte, then each length byte, then the
 * rest, so a small QoS 1 message cost five system calls on the receive thread, which was the
 * busiest thread of the runtime under a stream of single-measurement messages. With this buffer
 * one read usually brings in many packets. Paho takes the factory through its public
 * {@code MqttConnectOptions.setSocketFactory}; TLS sockets are left to their own (record-buffered)
 * streams.
 */
final class BufferedSocketFactory extends SocketFactory {

    /** Large enough for a burst of small packets; larger reads go straight to the caller's array. */
    static final int BUFFER_BYTES = 64 * 1024;

    @Override
    public Socket createSocket() {
        return new BufferedInputSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket s = new BufferedInputSocket();
        s.bind(new InetSocketAddress(localHost, localPort));
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket s = new BufferedInputSocket();
        s.bind(new InetSocketAddress(localAddress, localPort));
        s.connect(new InetSocketAddress(address, port));
        return s;
    }

    private static Socket connected(InetSocketAddress to) throws IOException {
        Socket s = new BufferedInputSocket();
        s.connect(to);
        return s;
    }

    /** A socket whose getInputStream() is one {@link BufferedInput} over the socket's own stream. */
    private static final class BufferedInputSocket extends Socket {
        private InputStream input;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new BufferedInput(super.getInputStream(), BUFFER_BYTES);
            }
            return input;
        }
    }

    /**
     * A buffered stream that, unlike {@link java.io.BufferedInputStream}, answers available() from
     * its buffer without a system call, and stays consistent when a read times out (Paho sets a
     * socket timeout and calls again): the buffer is refilled only once empty, so a timeout leaves
     * nothing half-read.
     */
    static final class BufferedInput extends InputStream {
        private final InputStream in;
        private final byte[] buffer;
        private int position;
        private int end;

        BufferedInput(InputStream in, int size) {
            this.in = in;
            this.buffer = new byte[size];
        }

        @Override
        public int read() throws IOException {
            if (position == end && fill() < 0) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (position == end) {
                if (len >= buffer.length) {
                    return in.read(b, off, len);
                }
                if (fill() < 0) {
                    return -1;
                }
            }
            int n = Math.min(len, end - position);
            System.arraycopy(buffer, position, b, off, n);
            position += n;
            return n;
        }

        /** Called with the buffer empty; -1 at the end of the stream. */
        private int fill() throws IOException {
            position = 0;
            end = 0;
            int n = in.read(buffer, 0, buffer.length);
            if (n > 0) {
                end = n;
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            int buffered = end - position;
            return buffered > 0 ? buffered : in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
